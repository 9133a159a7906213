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

units-overview =
    🏘 <b>{ $unit }</b>
    Units below: { $communes } communes/wards, { $hamlets } hamlets
    Active officers: { $people } (connected to the bot: { $linked })
    • Hamlet heads: { $hamletHeads }
    • Commune officers: { $communeOfficers }
    • Trainers: { $trainers }
    • Supervisors: { $supervisors }
    • Administrators: { $admins }
