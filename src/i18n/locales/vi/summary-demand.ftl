## Tổng hợp theo yêu cầu (/tonghop) và bảng theo đơn vị trong "Đơn vị của tôi"

menu-summary-demand = 📊 Tổng hợp
command-tonghop = Tổng hợp tình hình theo đơn vị

smd-units-head = 📊 <b>Tổng hợp</b> — chọn đơn vị cần xem trong { $unit }:
smd-units-children = Cả { $unit }, hoặc một trong { $count } đơn vị trực thuộc.
smd-units-page = Trang { $page }/{ $pages }
smd-button-whole = 📍 { $unit } (toàn bộ)
smd-button-previous-page = ◀ Trang trước
smd-button-next-page = Trang sau ▶
smd-period-head = 📊 Tổng hợp <b>{ $unit }</b> — chọn kỳ:
smd-period-this-week = Tuần này
smd-period-last-week = Tuần trước
smd-period-this-month = Tháng này
smd-period-last-month = Tháng trước
smd-period-today = Hôm nay
smd-button-narrow = 🔽 Chọn đơn vị trong { $unit }
smd-button-other-unit = ◀ Đơn vị khác
smd-working = ⏳ Đang tổng hợp { $unit }, { $period }…
smd-workbook-caption = 📥 Bảng Excel tổng hợp { $unit }
smd-button-again = 📊 Xem kỳ khác
smd-out-of-scope = Đơn vị này không thuộc phạm vi của bạn.
smd-unknown-unit = Không tìm thấy đơn vị này (có thể đã ngừng hoạt động). Bấm 📊 Tổng hợp để chọn lại.

units-breakdown-form = 📄 <b>{ $form }</b> · { $period }: { $reported }/{ $total } đã báo cáo
units-breakdown-row = • { $unit }: { $reported }/{ $total }
units-breakdown-more = • … và { $count } đơn vị khác (xem 📊 Tổng hợp đầy đủ)
units-breakdown-none = Chưa có biểu mẫu báo cáo nào đang trong kỳ.
units-button-full-summary = 📊 Tổng hợp đầy đủ
