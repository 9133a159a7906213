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
faq-area = 📍 <i>Applies in: { $area }</i>
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
tk-promoted = ⭐ Suggested. Until it is approved, only the people who asked see the answer; once approved it is used for everyone in the commune (or the whole province, if the reviewer chooses).
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
rv-list-title = 📋 <b>Answers waiting for review</b> — { $index }/{ $count }, suggested from officers' answers
rv-list-empty = No answers are waiting for review.
rv-waiting-for = { $count ->
        [0] <i>While it waits for review, nobody sees this answer.</i>
        [one] <i>While it waits for review, only the person who asked sees this answer.</i>
       *[other] <i>While it waits for review, only the { $count } people who asked see this answer.</i>
    }
rv-reach = 📍 <b>Reach once approved:</b> everyone in { $unit }
rv-reach-national = the whole country
rv-legal = ⚖️ <b>Legal basis:</b> { $legal }
rv-legal-none = none yet
rv-phrasings =
    💬 <b>Phrasings:</b>
    { $phrasings }
rv-button-title = ✏️ Title
rv-button-answer = ✏️ Answer
rv-button-phrasings = ✏️ Phrasings
rv-button-reach = 📍 Reach
rv-button-legal = ⚖️ Legal basis
rv-button-verify = ✅ Approve
rv-button-reject = ✖️ Drop
rv-verified = ✅ Approved — the answer will be used for everyone within the chosen reach who asks something similar.
rv-rejected = ✖️ Suggestion dropped.
rv-gone = This answer is no longer waiting for review (approved or dropped).
rv-reach-ask = 📍 Once approved, who should this answer be used for?
rv-reach-set = 📍 Reach: { $unit }
rve-task = editing an answer waiting for review
rve-busy = You are editing an answer waiting for review. Type the new text, or type cancel to stop.
rv-ask-title =
    ✏️ Current title: <i>{ $title }</i>
    Type the new title (5–120 characters).
rv-ask-answer =
    ✏️ Current answer:
    { $answer }

    Type the new answer (at most { $max } characters); it is shown exactly as you type it.
rv-ask-phrasings =
    ✏️ Current phrasings, one per line:
    <code>{ $phrasings }</code>

    Send the whole list again, one phrasing per line: add a line to add one, delete a line to remove it (at most { $max } lines).
rv-problem-title-length = The title needs 5 to 120 characters. Please type it again.
rv-problem-answer-empty = The answer is empty. Please type it.
rv-problem-answer-too-long = The answer is too long (at most { $max } characters). Shorten it and send it again; the current answer is kept.
rv-problem-phrasings-empty = At least one phrasing is needed.
rv-problem-phrasing-length = Each phrasing needs 3 to 160 characters. Fix the line that is too short or too long and send the list again.
rv-problem-too-many-phrasings = At most { $count } phrasings. Remove a few lines and send it again.
rv-edit-saved = ✅ Saved.
rv-edit-unchanged = Nothing changed.
rv-edit-cancelled = Cancelled, nothing changed.
rv-ask-legal = ⚖️ Choose the document that is the legal basis (page { $page }/{ $pages }):
rv-ask-legal-empty = ⚖️ The register of legal documents is empty. You can leave the basis empty, or cancel.
rv-button-no-legal = 🚫 No legal basis
rv-ask-cite = Write the article and clause of { $document } (e.g. Điều 22 khoản 1), or choose Skip.
rv-button-no-cite = ⏭ Skip
rv-cite-short = That article/clause is too short. For example: Điều 22 khoản 1.
rv-cite-long = That article/clause is too long (at most { $max } characters).
rv-legal-saved = ⚖️ Legal basis saved.
