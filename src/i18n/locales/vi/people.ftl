## Quản lý cán bộ

pm-busy = Bạn đang quản lý cán bộ. Chọn ở tin nhắn trên, hoặc gõ hủy để dừng.
pm-ask = 👥 <b>Quản lý cán bộ</b> — gõ tên (có dấu hay không đều được) hoặc số điện thoại của người cần tìm:
pm-too-short = Hãy gõ ít nhất 2 ký tự.
pm-none = Không tìm thấy ai khớp với “{ $query }” trong phạm vi bạn phụ trách. Gõ tên hoặc số khác:
pm-results = Tìm thấy { $count } người. Chọn một người:
pm-inactive = ngừng hoạt động
pm-search-again = 🔍 Tìm người khác
pm-done = ✔️ Xong
pm-card =
    👤 <b>{ $name }</b>
    Vai trò: { $role }
    Đơn vị: { $unit }
    Điện thoại: { $phone }
    Trạng thái: { $status }
    { $accounts }
pm-status-active = đang hoạt động
pm-status-inactive = ngừng hoạt động
pm-account-line = 📱 { $channel }: { $state }
pm-telegram-linked = đã kết nối
pm-telegram-blocked = đã kết nối nhưng đang chặn bot
pm-telegram-none = chưa kết nối
pm-action-unlink = 🔌 Gỡ kết nối { $channels }
pm-action-phone = 📞 Sửa số điện thoại
pm-action-role = 🎭 Đổi vai trò
pm-action-unit = 🏘 Chuyển đơn vị
pm-action-deactivate = ⛔ Ngừng hoạt động
pm-action-reactivate = ✅ Kích hoạt lại
pm-action-code = 🔑 Cấp mã kích hoạt cho người này
pm-code-issued =
    🔑 Mã kích hoạt của <b>{ $name }</b>: <code>{ $code }</code>
    Hết hạn ngày { $until }. Mã chỉ hiện một lần — hãy đọc cho người này qua điện thoại: mở bot Trợ lý Giảm nghèo trên Zalo (hoặc Telegram), gửi mã này rồi xác nhận họ tên. Mã cũ chưa dùng của người này (nếu có) không còn dùng được.
pm-failed-inactive = Người này đang ngừng hoạt động; hãy kích hoạt lại trước khi cấp mã.
pm-yes = ✅ Đồng ý
pm-confirm-unlink = Gỡ kết nối { $channels } của { $name }? Người này sẽ kết nối lại bằng số điện thoại (Telegram) hoặc mã kích hoạt từ tài khoản mới.
pm-confirm-deactivate = Cho { $name } ngừng hoạt động? Người này sẽ chỉ còn xem được hỏi đáp công khai.
pm-confirm-reactivate = Kích hoạt lại { $name }?
pm-ask-phone = Gõ số điện thoại mới (ví dụ 0912 345 678):
pm-no-roles = Không có vai trò nào khác mà bạn được phép cấp.
pm-choose-role = Chọn vai trò mới:
pm-choose-unit = Chọn đơn vị mới:
pm-choose-unit-for-role = { $role } thuộc cấp đơn vị khác. Chọn đơn vị mới của { $name }:
pm-change-cancelled = Đã hủy, chưa thay đổi gì.
pm-unlinked = ✅ Đã gỡ kết nối. Người này kết nối tài khoản mới bằng số điện thoại trong danh sách (Telegram) hoặc bằng mã kích hoạt.
pm-phone-changed = ✅ Đã cập nhật số điện thoại.
pm-role-changed = ✅ Đã đổi vai trò. Người này sẽ thấy menu mới ở lần mở menu tiếp theo.
pm-role-unit-changed = ✅ Đã đổi vai trò thành { $role } — { $unit }. Người này sẽ thấy menu mới ở lần mở menu tiếp theo.
pm-unit-changed = ✅ Đã chuyển đơn vị.
pm-deactivated = ✅ Đã cho ngừng hoạt động.
pm-reactivated = ✅ Đã kích hoạt lại.
pm-failed-not_allowed = 🔒 Bạn không có quyền làm việc này.
pm-failed-out_of_scope = 🔒 Người hoặc đơn vị này nằm ngoài phạm vi bạn phụ trách.
pm-failed-role_not_grantable = 🔒 Bạn không thể cấp vai trò này.
pm-failed-unit_level_mismatch = Vai trò này không phù hợp với cấp của đơn vị.
pm-failed-not_found = Không còn tìm thấy người này.
pm-failed-phone_taken = Số điện thoại này đã thuộc về một cán bộ khác trong danh sách.
pm-failed-self = Bạn không thể tự thay đổi vai trò hay trạng thái của chính mình.
pm-failed-unit_not_found = Đơn vị này không còn trong danh mục.
pm-failed-target_has_head = Thôn được chọn để chuyển người đang làm trưởng thôn sang cũng đã có trưởng thôn.
pm-failed-same_unit = Hãy chọn một thôn khác thôn hiện tại.
pm-failed-unit_has_head = Thôn này đã có trưởng thôn; cần quyết định về người đang làm trước.
pm-finished = Xong việc quản lý cán bộ.
pm-task = quản lý cán bộ

## Mã kích hoạt cho nhiều người (cán bộ xã, quản trị viên)

ac-ask-scope = 🔑 <b>Mã kích hoạt</b> — để cán bộ kết nối Zalo (hoặc Telegram) mà không cần gửi số điện thoại. Cấp mã cho ai?
    (Cấp cho một người: mở 👥 Quản lý cán bộ, chọn người rồi chọn 🔑 Cấp mã kích hoạt cho người này.)
ac-scope-all = Mọi người chưa kết nối { $channel } ({ $count } người)
ac-scope-unit = Theo đơn vị…
ac-choose-unit = Chọn đơn vị:
ac-none = Không còn ai chưa kết nối { $channel } trong phạm vi này.
ac-confirm = Cấp mã mới cho { $count } người? Mã cũ chưa dùng của họ sẽ không còn dùng được.
ac-yes = ✅ Cấp mã
ac-sent = ✅ Đã cấp { $count } mã, hết hạn ngày { $until }. Tệp Excel ở trên có tên, vai trò, đơn vị, số điện thoại và mã của từng người — in ra hoặc gửi cho từng người; mỗi mã dùng một lần.
ac-cancelled = Đã hủy, chưa cấp mã nào.
ac-busy = Bạn đang cấp mã kích hoạt. Chọn ở tin nhắn trên, hoặc gõ hủy để dừng.
ac-task = cấp mã kích hoạt
ac-file-name = ma-kich-hoat
ac-sheet-name = Mã kích hoạt
ac-sheet-instruction = Mở bot Trợ lý Giảm nghèo trên Zalo (hoặc Telegram), gửi mã của mình rồi xác nhận họ tên. Mỗi mã dùng một lần, hết hạn ngày { $until }.
ac-sheet-name-col = Họ và tên
ac-sheet-role-col = Vai trò
ac-sheet-unit-col = Đơn vị
ac-sheet-phone-col = Số điện thoại
ac-sheet-code-col = Mã kích hoạt
ac-sheet-expiry-col = Hết hạn

## Nhập danh sách từ tệp (quản trị viên)

imp-task = nhập danh sách
imp-busy = Bạn đang nhập danh sách. Chọn ở tin nhắn trên, hoặc gõ “hủy” để dừng.
imp-wrong-type = Chỉ nhập được tệp Excel (.xlsx) hoặc CSV (.csv) danh sách cán bộ hay danh sách đơn vị.
imp-too-large = Tệp lớn quá (tối đa 10 MB). Hãy chia nhỏ danh sách.
imp-unreadable = Không đọc được tệp này thành danh sách cán bộ hay danh sách đơn vị:
imp-fix-and-resend = Chưa nhập gì. Hãy sửa các dòng lỗi rồi gửi lại tệp.
imp-confirm = Đây là chạy thử — chưa thay đổi gì. Nhập thật?
imp-button-commit = ✅ Nhập
imp-cancelled = Đã hủy, không nhập gì.
imp-running-already = ⏳ Lần nhập trước của bạn vẫn đang chạy. Khi xong, bot sẽ nhắn kết quả; sau đó hãy gửi lại tệp này.
imp-interrupted = ↩️ Lần nhập mã { $id } đã bị dừng giữa chừng (bot khởi động lại) nên phần đã ghi đã được hoàn tác.
imp-changed-meanwhile = Dữ liệu đã thay đổi từ lúc chạy thử nên chưa nhập gì. Hãy gửi lại tệp.
imp-heads-changed = Từ lúc chạy thử đã có thêm thôn cần quyết định về trưởng thôn nên chưa nhập gì. Hãy gửi lại tệp.
imp-phones-changed = Từ lúc chạy thử đã có thêm dòng trùng số điện thoại với một người khác tên nên chưa nhập gì. Hãy gửi lại tệp.
imp-heads-intro =
    ⚠️ <b>Thôn đã có trưởng thôn:</b>
    { $list }
    Đây là chạy thử — chưa thay đổi gì. Ở các dòng này, thay người đang làm (họ sẽ bị ngừng kích hoạt) hay giữ cả hai (ví dụ có phó trưởng thôn)?
imp-heads-more = … và { $count } dòng khác
imp-heads-keep-all = 👥 Giữ cả hai ở cả { $count } dòng
imp-heads-replace-all = 🔁 Thay người đang làm ở cả { $count } dòng
imp-heads-each = ✍️ Quyết định từng dòng
imp-head-row = <b>{ $index }/{ $total } · Dòng { $row }:</b> { $name } sẽ là trưởng thôn { $unit }, nơi đang có { $current }.
imp-head-single =
    ⚠️ <b>Dòng { $row }:</b> { $name } sẽ là trưởng thôn { $unit }, nơi đang có { $current }.
    Đây là chạy thử — chưa thay đổi gì. Thay người đang làm (họ sẽ bị ngừng kích hoạt) hay giữ cả hai?
imp-head-other-row = { $name } (dòng { $row } của tệp)
imp-head-replace = 🔁 Thay: ngừng kích hoạt { $names }
imp-phones-intro =
    📞 <b>{ $count } dòng có số điện thoại đang là của một người khác tên:</b>
    { $list }
    Đây là chạy thử — chưa thay đổi gì. Nếu đúng là những người đó đổi tên, nhập sẽ cập nhật tên (cả vai trò, đơn vị nếu khác) của họ. Nếu không, hãy sửa số trong tệp rồi gửi lại.
imp-phones-same-all = ✏️ Cả { $count } dòng là cùng người — đổi tên
imp-phone-row = 📞 <b>{ $index }/{ $total } · Dòng { $row }:</b> số { $phone } đang là của <b>{ $current }</b> ({ $role }, { $unit }), còn tệp ghi <b>{ $name }</b>. Đây có phải cùng một người đổi tên?
imp-phone-single =
    📞 <b>Dòng { $row }:</b> số { $phone } đang là của <b>{ $current }</b> ({ $role }, { $unit }), còn tệp ghi <b>{ $name }</b>.
    Đây là chạy thử — chưa thay đổi gì. Đây có phải cùng một người đổi tên?
imp-phone-same = ✏️ Đúng, cùng một người — đổi tên
imp-phone-other = ✖️ Không phải — dừng để sửa tệp
imp-phone-stopped = Chưa nhập gì. Số điện thoại ở dòng { $row } đang là của { $current }: hãy sửa số trong tệp (hoặc sửa số của người đó trong 👥 Quản lý cán bộ) rồi gửi lại tệp.
imp-ready =
    Đã ghi quyết định: { $decisions }.
    Đây là chạy thử — chưa thay đổi gì. Nhập thật?
imp-ready-keep = giữ cả hai ở { $count } dòng
imp-ready-replace = thay người đang làm ở { $count } dòng
imp-ready-rename = đổi tên ở { $count } dòng
imp-result-hint = Nhập không ngừng kích hoạt ai: người không có trong tệp vẫn hoạt động. Xem và ngừng kích hoạt họ là một bước riêng.
imp-progress = ⏳ Đang nhập: { $written }/{ $total } dòng…
imp-progress-done = ✅ Đã ghi xong { $total } dòng.
imp-progress-stopped = ⚠️ Việc nhập đã dừng.
imp-still-running = ⏳ Tệp lớn nên việc nhập vẫn đang chạy. Bạn cứ dùng bot bình thường; khi xong, bot sẽ nhắn kết quả ở đây.
imp-done-later = ✅ <b>Việc nhập danh sách đã xong.</b> { $outcome }
imp-done-later-missing = { $count } người đang hoạt động không có trong tệp (nhập không ngừng kích hoạt ai). Muốn xem và ngừng kích hoạt họ, hãy gửi lại tệp.
imp-failed = ⚠️ Nhập không thành ({ $reason }). Phần đã ghi đã được hoàn tác — chưa thay đổi gì. Hãy thử lại sau.
imp-failed-partial = ⚠️ Việc nhập dừng giữa chừng ({ $reason }) sau { $written } dòng và chưa hoàn tác tự động được. Hãy hoàn tác lần nhập này trong ↩️ Hoàn tác nhập danh sách.
imp-result-undo = ↩️ Hoàn tác lần nhập này
imp-result-undo-deactivation = ↩️ Hoàn tác việc ngừng kích hoạt
imp-result-missing = ⛔ { $count } người không có trong tệp…
imp-done = ✔️ Xong
imp-finished = Xong việc nhập danh sách.
imp-missing-title = ⛔ <b>{ $count } người đang hoạt động không có trong tệp</b> “{ $file }” (không tính quản trị viên){ $pages ->
    [1] {""}
   *[other] {" "}— trang { $page }/{ $pages }
}:
imp-missing-line = • { $name } — { $role }, { $unit }
imp-missing-deactivate = ⛔ Ngừng kích hoạt { $count } người này…
imp-missing-confirm =
    ⚠️ <b>Ngừng kích hoạt { $count } người?</b>
    Họ sẽ không dùng được Trợ lý Giảm nghèo nữa. Cán bộ xã hoặc quản trị viên phụ trách họ sẽ được báo. Có thể hoàn tác trong { $days } ngày.
imp-missing-yes = ⛔ Có, ngừng kích hoạt { $count } người
imp-missing-no = ◀ Không, quay lại
imp-missing-changed = Danh sách đã thay đổi (nay là { $count } người) nên chưa ngừng kích hoạt ai. Xem lại:
imp-missing-none = Mọi người đang hoạt động đều có trong tệp: không có ai để ngừng kích hoạt.
imp-missing-done = ✅ Đã ngừng kích hoạt { $count } người.
imp-missing-notified = { $reachable ->
    [0] Cán bộ phụ trách họ ({ $unreachable } người) chưa dùng bot nên chưa nhận được thông báo.
   *[other] Thông báo đang được gửi tới { $reachable } cán bộ phụ trách{ $unreachable ->
        [0] .
       *[other] ; { $unreachable } người chưa dùng bot nên không nhận được.
    }
}

## Hoàn tác một lần nhập hoặc ngừng kích hoạt (quản trị viên)

menu-undo-imports = ↩️ Hoàn tác nhập danh sách
undo-task = hoàn tác nhập danh sách
undo-busy = Bạn đang hoàn tác một lần nhập. Chọn ở tin nhắn trên, hoặc gõ “hủy” để dừng.
undo-list-title = ↩️ <b>Hoàn tác</b> — chọn lần nhập hoặc lần ngừng kích hoạt ({ $days } ngày qua):
undo-list-empty = Không có lần nhập hay ngừng kích hoạt nào hoàn tác được trong { $days } ngày qua.
undo-batch-import = { $when } · nhập { $count } thay đổi · { $file }
undo-batch-deactivate = { $when } · ngừng kích hoạt { $count } người
undo-actor-cli = dòng lệnh
undo-confirm-import = ↩️ <b>Hoàn tác lần nhập “{ $file }”</b> lúc { $when } ({ $actor })?
undo-confirm-created = • { $count } người thêm mới sẽ bị xóa (ai đã dùng bot thì chỉ bị ngừng kích hoạt)
undo-confirm-updated = • { $count } người được cập nhật sẽ trở lại như trước
undo-confirm-replaced = • { $count } trưởng thôn bị thay sẽ hoạt động trở lại
undo-confirm-kept = Những gì đã thay đổi lại sau lần nhập được giữ nguyên và sẽ báo cho bạn.
undo-confirm-deactivate =
    ↩️ <b>Hoàn tác việc ngừng kích hoạt { $count } người</b> (tệp “{ $file }”, lúc { $when }, { $actor })?
    Họ sẽ hoạt động trở lại; cán bộ phụ trách họ sẽ được báo.
undo-button = ↩️ Hoàn tác
undo-cancelled = Đã hủy, không hoàn tác gì.
undo-done = ↩️ <b>Đã hoàn tác.</b>
undo-done-removed = • { $count } người thêm mới đã được xóa
undo-done-kept = • { $count } người thêm mới đã dùng bot hoặc đã thay đổi nên chỉ bị ngừng kích hoạt
undo-done-restored = • { $count } người đã trở lại như trước
undo-conflicts-title = Không khôi phục được vì đã thay đổi lại sau đó:
undo-conflict-line = • { $name }: { $fields }
undo-conflict-field = { $field } (nay là { $now })
undo-conflict-gone = • { $name }: không còn trong danh sách
undo-field-fullname = họ tên
undo-field-role = vai trò
undo-field-unit = đơn vị
undo-field-email = email
undo-field-title = chức vụ
undo-field-status = trạng thái
undo-empty = (trống)
undo-failed-not_found = Không còn tìm thấy lần thay đổi này.
undo-failed-not_allowed = 🔒 Bạn không có quyền hoàn tác.
undo-failed-not_undoable = Đây là một lần hoàn tác; không hoàn tác lại được.
undo-failed-already_undone = Lần thay đổi này đã được hoàn tác rồi.
undo-failed-in_progress = Lần nhập này vẫn đang được ghi. Hãy đợi nhập xong rồi hoàn tác.
undo-failed-too_old = Đã quá { $days } ngày nên không hoàn tác được nữa.

## Thông báo cho cấp trên khi cán bộ bị ngừng kích hoạt (hoặc hoạt động trở lại)

notice-deactivated =
    ⛔ <b>{ $actor } đã ngừng kích hoạt { $count } người</b> bạn phụ trách vì không có trong danh sách cán bộ mới (tệp “{ $file }”):
    { $list }
    Họ không dùng được Trợ lý Giảm nghèo nữa. Nếu có nhầm lẫn, hãy báo quản trị viên: việc này hoàn tác được trong 7 ngày.
notice-reactivated =
    ✅ <b>{ $actor } đã cho { $count } người</b> bạn phụ trách <b>hoạt động trở lại</b> (hoàn tác việc ngừng kích hoạt theo tệp “{ $file }”):
    { $list }
notice-person-line = • { $name } — { $role }, { $unit }
notice-more = … và { $count } người khác
notice-actor-cli = Quản trị viên
