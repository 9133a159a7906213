## Xin quyền truy cập (hội thoại)

ar-task = xin quyền truy cập
ar-intro =
    📝 <b>Xin quyền truy cập</b>
    Bạn trả lời 4 câu hỏi ngắn. Gõ <b>hủy</b> bất cứ lúc nào để dừng.

    <b>Câu 1/4.</b> Họ và tên đầy đủ của bạn là gì?
ar-name-invalid = Họ tên cần từ 2 đến 80 ký tự, gồm chữ cái và khoảng trắng. Bạn gõ lại giúp mình nhé.
ar-phone =
    <b>Câu 2/4.</b> Bấm nút <b>📱 Gửi số điện thoại của tôi</b> bên dưới, hoặc gõ số điện thoại của bạn.
ar-phone-received = Đã nhận số { $phone }.
ar-role = <b>Câu 3/4.</b> Bạn làm công việc gì?
ar-unit-commune = <b>Câu 4/4.</b> Bạn công tác ở xã/phường nào?
ar-unit-hamlet = Bạn là trưởng thôn của thôn/tổ dân phố nào ({ $commune })?
ar-unit-trainer = <b>Câu 4/4.</b> Bạn thuộc đơn vị nào? (Chọn tỉnh nếu bạn là cán bộ cấp tỉnh.)
ar-confirm =
    Bạn kiểm tra lại thông tin:
    • Họ tên: <b>{ $name }</b>
    • Điện thoại: { $phone }
    • Công việc: { $role }
    • Đơn vị: { $unit }
ar-button-send = ✅ Gửi yêu cầu
ar-button-restart = ✏️ Làm lại
ar-sent =
    ✅ Đã gửi yêu cầu. Cán bộ phụ trách sẽ xem xét và cấp quyền cho bạn.
    Trong lúc chờ, bạn vẫn xem được phần hỏi đáp chính sách.
ar-already-pending = Bạn đã có một yêu cầu truy cập đang chờ xem xét ({ $unit }). Không cần gửi lại.
ar-unit-gone = Đơn vị bạn chọn không còn trong danh sách. Bạn hãy gửi lại yêu cầu.
ar-already-member = Bạn đã có quyền truy cập rồi. Bấm nút dưới đây để mở menu.
ar-cancelled = Đã hủy yêu cầu, chưa gửi gì.
ar-busy = Bạn đang xin quyền truy cập. Trả lời câu hỏi ở trên, hoặc gõ hủy để dừng.
ar-phone-known = Số điện thoại của bạn: { $phone } (đã xác minh).

## Cán bộ xã / quản trị viên duyệt yêu cầu

acc-new = 📝 <b>Yêu cầu truy cập mới</b>
acc-card =
    • Họ tên: <b>{ $name }</b>
    • Điện thoại: { $phone } ({ $verified })
    • Xin làm: { $role }
    • Đơn vị: { $unit }
acc-phone-verified = đã xác minh qua Telegram
acc-phone-declared = tự khai, chưa xác minh
acc-button-approve = ✅ Duyệt
acc-button-reject = ❌ Từ chối
acc-approved = ✅ Đã duyệt — { $name } đã có quyền truy cập.
acc-rejected = ❌ Đã từ chối yêu cầu của { $name }.
acc-requester-unreachable = 📞 { $name } đã chặn bot nên chưa nhận được tin báo — hãy gọi điện (số ở trên).
acc-already-decided = Yêu cầu này đã được xử lý{ $by ->
    [none] {""}
   *[other] {" "}bởi { $by }
}.
acc-phone-taken = Số điện thoại này đã gắn với tài khoản Telegram của một cán bộ khác. Hãy kiểm tra lại trong 👥 Quản lý cán bộ.
acc-already-member = Người xin đã có quyền truy cập rồi (qua lời mời hoặc số điện thoại), không cần duyệt. Bạn có thể từ chối yêu cầu này.
acc-refused-person_inactive = ⛔ Chưa duyệt: số { $phone } thuộc { $holder }, người đã bị ngừng hoạt động. Duyệt yêu cầu không mở lại quyền truy cập đã bị tắt.
acc-refused-roster_mismatch = ⛔ Chưa duyệt: số { $phone } đã có trong danh sách cán bộ ({ $holder }). Duyệt yêu cầu không đổi vai trò hay đơn vị của người đã có trong danh sách.
acc-refused-person_inactive-manage = Nếu người này cần dùng lại, hãy kích hoạt lại có chủ đích trong 👥 Quản lý cán bộ (nút bên dưới); còn yêu cầu này bạn có thể từ chối.
acc-refused-person_inactive-ask-admin = Nếu người này cần dùng lại, hãy nhờ quản trị viên kích hoạt lại trong 👥 Quản lý cán bộ; còn yêu cầu này bạn có thể từ chối.
acc-refused-roster_mismatch-manage = Nếu cần đổi vai trò hay đơn vị, hãy đổi trong 👥 Quản lý cán bộ (nút bên dưới); còn yêu cầu này bạn có thể từ chối.
acc-refused-roster_mismatch-ask-admin = Nếu cần đổi vai trò hay đơn vị, hãy nhờ quản trị viên đổi trong 👥 Quản lý cán bộ; còn yêu cầu này bạn có thể từ chối.
acc-holder = <b>{ $name }</b> ({ $role } — { $unit })
acc-holder-hidden = một cán bộ ngoài phạm vi bạn phụ trách
acc-button-open-person = 👥 Mở hồ sơ { $name }
acc-not-found = Không tìm thấy yêu cầu này.
acc-out-of-scope = Yêu cầu này thuộc đơn vị ngoài phạm vi bạn phụ trách.
acc-cannot-grant = Bạn không thể cấp vai trò này cho đơn vị đó. Hãy chuyển cho quản trị viên.
acc-approved-requester =
    ✅ Yêu cầu truy cập của bạn đã được duyệt: bạn là <b>{ $role }</b> — { $unit }.
    Bấm nút dưới đây để mở menu.
acc-rejected-requester = Yêu cầu truy cập của bạn chưa được chấp nhận. Nếu có nhầm lẫn, hãy liên hệ trực tiếp cán bộ xã.
acc-list-title = 📝 <b>Yêu cầu truy cập chờ duyệt</b> ({ $count })
acc-list-empty = Không có yêu cầu truy cập nào đang chờ duyệt.
acc-head-task = duyệt trưởng thôn
acc-head-busy = Bạn đang duyệt một yêu cầu. Chọn ở tin nhắn trên, hoặc gõ “hủy” để dừng.
acc-head-cancelled = Chưa duyệt: yêu cầu vẫn chờ trong 📝 Yêu cầu truy cập.

## Thôn đã có trưởng thôn (duyệt, lời mời, đổi vai trò)

head-warning =
    ⚠️ <b>{ $unit } đã có trưởng thôn: { $heads }.</b>
    { $newcomer ->
        [none] Người nhận lời mời
       *[other] { $newcomer }
    } sẽ là trưởng thôn thứ hai.
head-question = Bạn muốn thế nào?
head-replace-deactivate = 🔁 Thay: ngừng kích hoạt { $names }
head-replace-move = 🔁 Thay: chuyển { $names } sang thôn khác
head-keep-both = 👥 Giữ cả hai (có phó trưởng thôn)
head-move-where = Chuyển { $name } sang thôn/tổ dân phố nào?
head-failed-target_has_head = Thôn đó cũng đã có trưởng thôn. Hãy chọn lại.
head-failed-same_unit = Hãy chọn một thôn khác thôn hiện tại.
head-failed-unit_not_found = Không còn tìm thấy thôn đó. Hãy chọn lại.
head-failed-out_of_scope = Thôn đó nằm ngoài phạm vi bạn phụ trách. Hãy chọn lại.
head-failed-not_allowed = 🔒 Bạn không có quyền làm việc này.
head-failed-role_not_grantable = Bạn không thể giao việc trưởng thôn ở đó. Hãy chọn lại.
head-failed-unit_level_mismatch = Chỉ chuyển được sang một thôn/tổ dân phố. Hãy chọn lại.
