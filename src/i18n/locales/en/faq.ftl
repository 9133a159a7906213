## Policy Q&A

faq-topics-title =
    📚 <b>Policy Q&amp;A</b>
    Type your question (with or without diacritics), or choose a topic:
faq-topic-G = General notes on applying the policies
faq-topic-T1 = Poverty standard 2022–2025 (in force until end of 2026)
faq-topic-T2 = New poverty standard 2026–2030
faq-topic-T3 = Reviewing poor and near-poor households
faq-topic-T4 = Support for poor and near-poor households
faq-topic-T5 = National target programme for poverty reduction
faq-topic-T6 = The hamlet head's role
faq-topic-list = 📚 <b>{ $topic }</b> — page { $page }/{ $pages }
faq-list-empty = There are no questions in this section yet.
faq-answer =
    <b>{ $title }</b>

    { $answer }

    { $cited }
    { $period }
faq-answer-details =
    <b>{ $title }</b>

    { $answer }

    { $details }

    { $cited }
    { $period }
# The answer's legal basis (before the source), one line per document from the legal registry;
# then where the answer was read.
faq-answer-source = 📄 <i>Source: { $source }</i>
faq-legal-basis =
    ⚖️ <b>Legal basis:</b>
    { $lines }
faq-legal-line = { $doc }{ $issued ->
        [none] {""}
       *[other] {" "}of { $issued }
    }{ $cite ->
        [none] {""}
       *[other] , { $cite }
    } — { $status ->
        [in_force] in force
        [amended] { $by ->
            [none] amended
           *[other] amended by { $by }
        }
        [replaced] { $by ->
            [none] replaced
           *[other] replaced by { $by }{ $from ->
                [none] {""}
               *[other] {" "}from { $from }
            }
        }
        [expired] { $from ->
            [none] no longer in force
           *[other] no longer in force from { $from }
        }
       *[unknown] in-force status not verified
    }
faq-legal-item = • { faq-legal-line }
# The period line under an answer; an entry about a programme that ended is labelled as history.
faq-period-line = 🗓 <i>{ $period }</i>
faq-history-ended = 🕒 <i>Ended on { $date }</i>
faq-history-now-button = ➡️ Now: { $title }
faq-period-always = In force
faq-period-current-from = In force (since { $from })
faq-period-current-until = In force (until { $to })
faq-period-current-between = In force (from { $from } to { $to })
faq-period-upcoming = In force from { $from }
faq-period-upcoming-between = In force from { $from } to { $to }
faq-period-expired = No longer in force (applied until { $to })
faq-period-expired-between = No longer in force (applied from { $from } to { $to })
# The time a question asked about, in front of its answer ("📅 From 01/01/2027:") and in sentences.
faq-asked-heading = 📅 <b>{ $when }:</b>
faq-when-now = currently
faq-when-from = from { $date }
faq-when-year = in { $year }
faq-when-years = in { $from }–{ $to }
faq-when-day = on { $date }
faq-when-and = {" "}and{" "}
faq-button-more = 📖 More
faq-button-topics = 📚 Topics
faq-button-ask = 🙋 Ask an officer
faq-button-helpful = 👍 Helpful
faq-button-not-helpful = 👎 Not what I needed
faq-entry-gone = This answer no longer applies (the policy changed). Please ask again for the current answer.
faq-maybe = 🤔 I'm not sure I understood. Did you mean one of these? If not, tap <b>🙋 Ask an officer</b>.
faq-none = I don't have an answer to this yet. Tap <b>🙋 Ask an officer</b> to pass the question to your commune officer.
faq-maybe-when = 🤔 I'm not sure I understood your question about the rules { $when }. Did you mean one of these? If not, tap <b>🙋 Ask an officer</b>.
faq-none-when = I don't have an answer about the rules { $when } to this yet. Tap <b>🙋 Ask an officer</b> to pass the question to your commune officer.
faq-empty-question = Just type a question about poverty-reduction policy, e.g. <i>what health insurance support do near-poor households get?</i> — or use the menu.
faq-too-long = That question is too long. Please ask more briefly (under 500 characters).
faq-thanks = Thank you for the feedback!
faq-feedback-ask = Thank you. What was missing or wrong? Type a few words so officers can improve the content (or tap Skip).
faq-feedback-skip = Skip
faq-feedback-saved = ✅ Feedback noted. If you need an answer now, tap <b>🙋 Ask an officer</b>.
faq-feedback-busy = You are giving feedback on an answer. Type it, or tap Skip.
faq-feedback-task = feedback on an answer

## Ask an officer

tk-asked = ✅ Your question was passed to an officer. When they answer, the bot will send it to you here.
tk-joined = ✅ This question had already been passed to an officer; you will get the answer too.
tk-already-asked = This question has already been passed to an officer.
tk-stranger = someone not registered
tk-new =
    ❓ <b>A question needs an officer</b>
    Asked by: { $who }
    «{ $question }»
    Tap <b>✍️ Answer</b> (or reply to this message).
tk-escalated =
    ⏫ <b>A question is still unanswered</b> — passed up for help
    Asked by: { $who }
    «{ $question }»
tk-button-answer = ✍️ Answer
tk-ask-answer = ✍️ Answer the question: «{ $question }»
    Type your answer (3,000 characters at most). It goes to everyone who asked this question.
tk-answer-empty = The answer is empty or longer than 3,000 characters. Please type it again.
tk-confirm = Send this answer?
    { $answer }
tk-button-send = 📨 Send
tk-sent = { $count ->
        [0] ⚠️ The answer could not be sent to anyone who asked.
       *[other] ✅ The answer was sent to { $count } people who asked.
    }
tk-unreachable = 📞 { $count } people who asked blocked the bot and did not get it; please call: { $people }
tk-button-promote = ⭐ Suggest as a common question
tk-promoted = ⭐ Suggested; an administrator checks it before it is used for everyone.
tk-already-promoted = This answer has already been suggested.
tk-already-answered = Someone has already answered this question.
tk-not-found = This question can no longer be found.
tk-cancelled = Cancelled, the answer was not sent.
tk-busy = You are answering a question. Type your answer, or type cancel to stop.
tk-task = answering a question
tk-answer-for-asker =
    💬 <b>An officer answered your question</b>
    «{ $question }»

    { $answer }

    — { $by }
tk-list-title = 💬 <b>Questions waiting for an answer</b> ({ $count })
tk-list-empty = No questions are waiting for an answer.
menu-tickets = 💬 Questions to answer
menu-review = 📋 Review new answers
rv-list-title = 📋 <b>Answers waiting for review</b> ({ $count }) — suggested from officers' answers
rv-list-empty = No answers are waiting for review.
rv-button-verify = ✅ Approve for everyone
rv-button-reject = 🗑 Do not use
rv-verified = ✅ Approved — the answer will be used when someone asks something similar.
rv-rejected = 🗑 Suggestion dropped.
