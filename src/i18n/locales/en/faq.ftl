## Policy Q&A (browsing)

faq-list-title = 📚 <b>Policy Q&amp;A</b> — page { $page }/{ $pages }
    Choose a question below:
faq-list-empty = There are no questions in the Q&amp;A yet.
faq-answer =
    <b>{ $title }</b>

    { $answer }

    📄 <i>Source: { $source }</i>
    🗓 <i>{ $period }</i>
faq-period-always = In force
faq-period-until = In force until { $to }
faq-period-from = In force from { $from }
faq-period-between = In force from { $from } to { $to }
faq-button-list = ◀ Question list
faq-entry-gone = This answer no longer applies (the policy has changed). Here is the current list:
faq-free-text =
    I can't answer free-text questions by myself yet. Have a look at the common questions below:
