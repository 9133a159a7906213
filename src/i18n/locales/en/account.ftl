## Profile, language, units

profile =
    👤 <b>{ $name }</b>
    Role: { $role }
    Unit: { $unit }
    Phone: { $phone }
    Language: { $locale }
profile-no-phone = not set

language-prompt = Chọn ngôn ngữ / Choose your language:
language-changed = ✅ Switched to English.

units-overview-head = 🏘 <b>{ $unit }</b>
units-overview-units = Units below: { $list }
units-overview-no-units = No units below.
units-overview-count = { $count } { $level }
units-overview-people = Active officers: { $people } (connected to the bot: { $linked })
units-overview-no-people = No active officers yet.
units-overview-role = • { $role }: { $count }
