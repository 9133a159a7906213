## Profile, language, units

profile =
    👤 <b>{ $name }</b>
    Role: { $role }
    Unit: { $unit }
    Phone: { $phone }
    Language: { $locale }
profile-no-phone = not set

link-channel-button = 🔗 Link { $channel }
link-code =
    🔗 Code to link { $channel }: <code>{ $code }</code>
    Open the Poverty Reduction Assistant bot on { $channel } and send this code within 15 minutes (until { $until }), then confirm your name. The { $channel } account will share your details, draft reports and rights.
link-already = You have already connected { $channel }.

language-prompt = Chọn ngôn ngữ / Choose your language:
language-changed = ✅ Switched to English.

units-overview-head = 🏘 <b>{ $unit }</b>
units-overview-units = Units below: { $list }
units-overview-no-units = No units below.
units-overview-count = { $count } { $level }
units-overview-people = Active officers: { $people } (connected to the bot: { $linked })
units-overview-no-people = No active officers yet.
units-overview-role = • { $role }: { $count }
