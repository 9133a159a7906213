// The Zalo view of the chat page: the visitor plays a person talking to the bot on Zalo. Zalo
// shows a bot's messages as plain text with bold/italic/underline/strike styles, pictures and
// stickers — no buttons, no keyboards, no commands menu — and a person can send text, a picture,
// a sticker, or something the bot receives only as "unsupported" (a file, a location, a contact
// card). Everything goes through /sim/api/zalo/…; live changes arrive as zalo_* events.

const TYPING_MS = 4000;
const URL_PATTERN = /\bhttps?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]]/g;
const UNSUPPORTED = {
  file: { icon: "📎", label: "Tệp" },
  location: { icon: "📍", label: "Vị trí" },
  contact: { icon: "👤", label: "Danh thiếp" },
};
const NOT_DELIVERED = {
  user_limit: "Bot không nhận được: bot đã đủ số người dùng của gói (giả định, chưa kiểm chứng với Zalo)",
  no_poll: "Bot không nhận được: không có getUpdates nào đang chờ (Zalo không giữ tin giữa hai lần hỏi)",
};
const STYLE_TAGS = { b: "strong", i: "em", u: "u", s: "s" };

/**
 * @param tools helpers of app.js: h (element builder), api (page API call), ignore, showToast,
 *   readBase64, timeFormat, and the view's elements (el).
 */
export function createZaloView(tools) {
  const { h, api, ignore, showToast, readBase64, timeFormat } = tools;
  const $ = (id) => /** @type {any} */ (document.getElementById(id));
  const el = {
    main: $("zalo-chat"),
    botName: $("zalo-bot-name"),
    status: $("zalo-status"),
    messages: $("zalo-messages"),
    composer: $("zalo-composer"),
    input: $("zalo-input"),
    stickers: $("zalo-stickers"),
    unsupported: $("zalo-unsupported"),
    photoInput: $("zalo-photo-input"),
  };
  const view = {
    personId: null,
    person: null,
    /** Events of the open chat that arrive while its history loads. */
    pending: null,
    /** Bubbles by message id (an event may repeat a message: replace it). */
    bubbles: new Map(),
    typingTimer: 0,
    atBottom: true,
    stickers: [],
  };

  const path = (suffix) => `/sim/api/zalo/chats/${view.personId}/${suffix}`;

  function statusLine() {
    return view.person ? `Zalo · bạn là ${fullName(view.person)}` : "Zalo";
  }

  function fullName(user) {
    return user.lastName ? `${user.lastName} ${user.firstName}` : user.firstName;
  }

  /** Text with Zalo's style runs; URLs in it become links, as the Zalo app shows them. */
  function renderStyled(text, styles = []) {
    const container = h("div.text");
    const cuts = new Set([0, text.length]);
    for (const run of styles) {
      cuts.add(run.start);
      cuts.add(Math.min(text.length, run.start + run.len));
    }
    const points = [...cuts].sort((a, b) => a - b);
    for (let index = 0; index + 1 < points.length; index += 1) {
      const start = points[index];
      const end = points[index + 1];
      const codes = styles
        .filter((run) => run.start <= start && run.start + run.len >= end)
        .flatMap((r) => r.st);
      let node = h("span", ...linkify(text.slice(start, end)));
      for (const code of codes) {
        const tag = STYLE_TAGS[code];
        if (tag) node = h(tag, node);
        else if (/^c_[0-9a-f]{6}$/.test(code)) node.style.color = `#${code.slice(2)}`;
        else if (code === "f_18" || code === "f_20") node.classList.add("zalo-big");
        else if (code === "f_13") node.classList.add("zalo-small");
      }
      container.append(node);
    }
    return container;
  }

  function linkify(text) {
    const parts = [];
    let last = 0;
    for (const match of text.matchAll(URL_PATTERN)) {
      if (match.index > last) parts.push(text.slice(last, match.index));
      parts.push(h("a", { href: match[0], target: "_blank", rel: "noopener" }, match[0]));
      last = match.index + match[0].length;
    }
    if (last < text.length) parts.push(text.slice(last));
    return parts;
  }

  function renderContent(message) {
    switch (message.kind) {
      case "photo": {
        const img = h("img.zalo-photo", { src: message.photoUrl, alt: "Ảnh" });
        img.addEventListener("load", () => view.atBottom && scrollToBottom());
        return [img, message.caption && renderStyled(message.caption)];
      }
      case "sticker":
        return message.stickerUrl
          ? h("img.zalo-sticker", { src: message.stickerUrl, alt: "Nhãn dán" })
          : h("div.zalo-note", "[Nhãn dán]");
      case "unsupported": {
        const kind = UNSUPPORTED[message.unsupported] ?? UNSUPPORTED.file;
        return h(
          "div.zalo-note",
          `${kind.icon} ${kind.label} — bot chỉ nhận được "nội dung không hỗ trợ" (message.unsupported.received)`,
        );
      }
      default:
        return renderStyled(message.text ?? "", message.styles);
    }
  }

  function renderMessage(message) {
    const plain = message.kind === "sticker" && message.stickerUrl;
    return h(
      `div.zalo-message.${message.outgoing ? "from-bot" : "from-me"}`,
      { dataset: { messageId: message.message_id, outgoing: String(message.outgoing) } },
      h(
        `div.zalo-bubble${plain ? ".plain" : ""}`,
        renderContent(message),
        h("span.zalo-time", timeFormat.format(new Date(message.date))),
      ),
      message.notDelivered && h("div.zalo-undelivered", `⚠ ${NOT_DELIVERED[message.notDelivered] ?? ""}`),
    );
  }

  function putMessage(message) {
    const bubble = renderMessage(message);
    const old = view.bubbles.get(message.message_id);
    view.bubbles.set(message.message_id, bubble);
    if (old) old.replaceWith(bubble);
    else el.messages.append(bubble);
    el.messages.querySelector(".empty-state")?.remove();
  }

  function scrollToBottom() {
    el.messages.scrollTop = el.messages.scrollHeight;
    view.atBottom = true;
  }

  function stopTyping() {
    clearTimeout(view.typingTimer);
    el.status.textContent = statusLine();
    el.status.classList.remove("typing");
  }

  function closePanels() {
    el.stickers.hidden = true;
    el.unsupported.hidden = true;
  }

  function togglePanel(panel) {
    const open = panel.hidden;
    closePanels();
    panel.hidden = !open;
  }

  /** Opens a person's Zalo chat (the page hides the Telegram view meanwhile). */
  async function open(person) {
    view.personId = person.id;
    view.person = person;
    view.pending = [];
    view.bubbles.clear();
    closePanels();
    stopTyping();
    el.messages.replaceChildren(h("p.empty-state", "Đang tải…"));
    const chat = await api("GET", `/sim/api/zalo/chats/${person.id}`).catch(() => null);
    if (view.personId !== person.id) return;
    const buffered = view.pending;
    view.pending = null;
    if (!chat) {
      el.messages.replaceChildren(h("p.empty-state", "Không tải được cuộc trò chuyện"));
      return;
    }
    el.messages.replaceChildren();
    for (const message of chat.messages) putMessage(message);
    for (const event of buffered) apply(event);
    if (view.bubbles.size === 0) {
      el.messages.append(h("p.empty-state", "Chưa có tin nhắn — nhắn gì đó cho Bot trên Zalo"));
    }
    scrollToBottom();
    el.input.focus();
  }

  function close() {
    view.personId = null;
    view.person = null;
    view.pending = null;
    stopTyping();
  }

  function apply(event) {
    if (event.type === "zalo_message") {
      const follow = view.atBottom || !event.message.outgoing;
      if (event.message.outgoing) stopTyping();
      putMessage(event.message);
      if (follow) scrollToBottom();
    } else if (event.type === "zalo_typing") {
      el.status.textContent = "Bot đang soạn tin…";
      el.status.classList.add("typing");
      clearTimeout(view.typingTimer);
      view.typingTimer = setTimeout(stopTyping, TYPING_MS);
    }
  }

  function onEvent(event) {
    if (event.chatId !== view.personId) return;
    if (view.pending) view.pending.push(event);
    else apply(event);
  }

  async function submit(event) {
    event.preventDefault();
    const text = el.input.value;
    if (!text.trim() || view.personId === null) return;
    el.input.value = "";
    try {
      await api("POST", path("messages"), { json: { text } });
    } catch {
      if (el.input.value === "") el.input.value = text;
    }
  }

  async function sendPhoto() {
    const file = el.photoInput.files?.[0];
    el.photoInput.value = "";
    if (!file || view.personId === null) return;
    let data;
    try {
      data = await readBase64(file);
    } catch {
      showToast(`Không đọc được tệp ${file.name}`, "error");
      return;
    }
    await api("POST", path("photo"), { json: { data, mimeType: file.type || "image/jpeg" } }).catch(ignore);
  }

  function configure(zalo) {
    if (!zalo) return;
    el.botName.textContent = zalo.botName;
    view.stickers = zalo.stickers ?? [];
    el.stickers.replaceChildren(
      ...view.stickers.map((sticker) =>
        h(
          "button.zalo-sticker-choice",
          {
            type: "button",
            title: sticker.label,
            "aria-label": sticker.label,
            dataset: { sticker: sticker.id },
            onclick: () => {
              closePanels();
              api("POST", path("sticker"), { json: { sticker: sticker.id } }).catch(ignore);
            },
          },
          sticker.emoji,
        ),
      ),
    );
  }

  el.composer.addEventListener("submit", submit);
  $("zalo-sticker-button").addEventListener("click", () => togglePanel(el.stickers));
  $("zalo-unsupported-button").addEventListener("click", () => togglePanel(el.unsupported));
  $("zalo-photo-button").addEventListener("click", () => el.photoInput.click());
  el.photoInput.addEventListener("change", sendPhoto);
  for (const button of el.unsupported.querySelectorAll("button[data-kind]")) {
    button.addEventListener("click", () => {
      closePanels();
      api("POST", path("unsupported"), { json: { kind: button.dataset.kind } }).catch(ignore);
    });
  }
  el.messages.addEventListener("scroll", () => {
    const { scrollTop, scrollHeight, clientHeight } = el.messages;
    view.atBottom = scrollHeight - scrollTop - clientHeight < 40;
  });
  document.addEventListener("keydown", (event) => event.key === "Escape" && closePanels());

  return { open, close, onEvent, configure, element: el.main };
}
