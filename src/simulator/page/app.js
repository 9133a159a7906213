// Chat page of the simulator: the visitor plays a Telegram user talking to the bot — or, with
// "Mở trên: Zalo", the same person on Zalo (zalo.js).
// Plain ES module, no build step. Everything the bot does arrives as server-sent events; the
// page only sends what a Telegram client would send (texts, files, taps) through /sim/api, as
// JSON with the page token the server wrote into index.html (the API refuses anything else).

import { createZaloView } from "/zalo.js";
import { createZaloOaView } from "/zalo-oa.js";

const $ = (id) => /** @type {any} */ (document.getElementById(id));

// Elements by id, keyed in camelCase ("composer-input" → el.composerInput).
// biome-ignore format: one list of ids reads better than one id a line
const el = Object.fromEntries(
  [
    "app", "limits", "access-note", "users-toggle", "users-toggle-label", "user-list", "new-user", "new-user-form",
    "bot-name", "chat-status", "block-toggle", "connection", "messages", "commands-panel",
    "commands-list", "location-popover", "location-lat", "location-lon", "reply-keyboard", "composer",
    "composer-input", "keyboard-toggle", "photo-input", "document-input", "toast", "alert-modal", "alert-text",
  ].map((id) => [id.replace(/-(\w)/g, (_, c) => c.toUpperCase()), $(id)]),
);

const STORAGE_KEY = "simulator.selectedUser";
const MESSENGER_KEY = "simulator.messenger";
/** Given by the server inside this page; the page API refuses requests without it. */
const PAGE_TOKEN = document.querySelector('meta[name="simulator-token"]')?.getAttribute("content") ?? "";
const DEFAULT_PLACEHOLDER = "Nhập tin nhắn…";
const TYPING_MS = 4000;
const timeFormat = new Intl.DateTimeFormat("vi-VN", {
  hour: "2-digit",
  minute: "2-digit",
  hour12: false,
  timeZone: "Asia/Ho_Chi_Minh",
});

const state = {
  /** The message the next text replies to (its id), if any. */
  replyTo: null,
  bot: null,
  /** @type {Map<number, any>} users by id, in the server's order */
  users: new Map(),
  selectedId: null,
  /** Where the selected person is opened: "telegram", "zalo" or "zalo-oa" (the Official Account). */
  messenger: "telegram",
  /** Events for the selected chat that arrive while its history is loading; replayed afterwards. */
  pending: null,
  /** @type {Map<number, HTMLElement>} bubbles of the selected chat by message_id (de-duplication) */
  bubbles: new Map(),
  commands: [],
  replyKeyboard: null,
  /** Whether the message list follows new content (false once the visitor scrolls up). */
  atBottom: true,
  typingTimer: 0,
};

/** Resolves once the event stream is open, so a chat is never loaded before its events can arrive. */
let markEventsReady;
const eventsReady = new Promise((resolve) => {
  markEventsReady = resolve;
});

// ---- small DOM helpers ---------------------------------------------------------------------

/**
 * h("span.a.b", props?, ...children): an element with classes. Children may be strings, which are
 * always inserted as text, never parsed as HTML; null/false children are skipped; arrays flatten.
 */
function h(spec, ...rest) {
  const [tag, ...classes] = spec.split(".");
  const node = document.createElement(tag);
  if (classes.length > 0) node.className = classes.join(" ");
  const first = rest[0];
  const props = first && typeof first === "object" && !Array.isArray(first) && !(first instanceof Node);
  for (const [key, value] of Object.entries(props ? rest.shift() : {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "dataset") Object.assign(node.dataset, value);
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : value);
  }
  node.append(...rest.flat().filter((child) => child !== null && child !== undefined && child !== false));
  return node;
}

/** Only schemes a Telegram client would open; anything else (javascript:, data:) is not a link. */
function safeUrl(raw) {
  const text = String(raw ?? "").trim();
  try {
    const url = new URL(/^[a-z][a-z0-9+.-]*:/i.test(text) ? text : `http://${text}`);
    return ["http:", "https:", "mailto:", "tel:", "tg:"].includes(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

const fullName = (user) => (user.lastName ? `${user.lastName} ${user.firstName}` : user.firstName);

// ---- toasts, alerts and the API ------------------------------------------------------------

let toastTimer = 0;
function showToast(text, kind = "info") {
  el.toast.textContent = text;
  el.toast.className = `toast visible ${kind}`;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => el.toast.classList.remove("visible"), kind === "error" ? 5000 : 3000);
}

/** An in-page modal (window.alert would block the page and the test driving it). */
function showAlert(text) {
  el.alertText.textContent = text;
  if (!el.alertModal.open) el.alertModal.showModal();
}

/**
 * fetch() against the simulator's page API: JSON bodies and the page token, which it requires.
 * A failure is always shown (red toast) and then rethrown.
 */
async function api(method, path, { json = undefined } = {}) {
  const headers = { "X-Simulator-Token": PAGE_TOKEN };
  if (json !== undefined) headers["Content-Type"] = "application/json";
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: json === undefined ? undefined : JSON.stringify(json),
    });
  } catch (error) {
    showToast(`Không kết nối được máy chủ: ${error.message}`, "error");
    throw error;
  }
  const payload = await response.json().catch(() => null);
  if (!response.ok) {
    const reason = payload?.description || response.statusText || `HTTP ${response.status}`;
    showToast(`Lỗi ${response.status}: ${reason}`, "error");
    throw new Error(reason);
  }
  return payload;
}

/** For fire-and-forget calls: the error is already on screen, only silence the rejection. */
const ignore = () => {};

const chatPath = (suffix) => `/sim/api/chats/${state.selectedId}/${suffix}`;

// ---- users ---------------------------------------------------------------------------------

function renderUserItem(user) {
  const attrs = {
    type: "button",
    dataset: { userId: String(user.id) },
    "aria-current": user.id === state.selectedId ? "true" : null,
    onclick: () => selectUser(user.id),
  };
  const name = h("span.user-name", fullName(user), user.blocked && h("span.badge", "đã chặn"));
  const initial = (user.firstName || "?").slice(0, 1).toUpperCase();
  return h(
    "li",
    h(
      "button.user-item",
      attrs,
      h(`span.avatar.hue-${user.id % 6}`, { "aria-hidden": "true" }, initial),
      h("span.user-text", name, h("span.user-desc", user.description || user.phoneNumber)),
    ),
  );
}

function renderUsers() {
  el.userList.replaceChildren(...[...state.users.values()].map(renderUserItem));
  const user = state.users.get(state.selectedId);
  el.usersToggleLabel.textContent = user ? `👤 ${fullName(user)}` : "Chọn người dùng";
  el.blockToggle.disabled = !user;
  el.blockToggle.checked = Boolean(user?.blocked);
}

function upsertUser(user) {
  state.users.set(user.id, user);
  renderUsers();
}

/** On narrow screens the user list folds away once someone is chosen. */
function setUsersOpen(open) {
  el.app.classList.toggle("users-open", open);
  el.usersToggle.setAttribute("aria-expanded", String(open));
}

// ---- chat selection ------------------------------------------------------------------------

async function selectUser(id, messenger = state.messenger) {
  if (!state.users.has(id)) return;
  if (state.selectedId !== id) cancelReply();
  state.selectedId = id;
  setMessenger(messenger);
  localStorage.setItem(STORAGE_KEY, String(id));
  // replaceState: switching users should neither pile up history entries nor fire hashchange.
  history.replaceState(null, "", messenger === "telegram" ? `#user=${id}` : `#user=${id}&on=${messenger}`);
  setUsersOpen(false);
  closePanels();
  stopTyping();
  renderUsers();
  if (messenger !== "telegram") {
    // The Telegram view rests (it is loaded again when the person is opened on Telegram).
    state.pending = null;
    state.bubbles.clear();
    el.messages.replaceChildren();
    await eventsReady;
    const [view, other] = messenger === "zalo" ? [zaloView, zaloOaView] : [zaloOaView, zaloView];
    other.close();
    await view.open(state.users.get(id));
    return;
  }
  zaloView.close();
  zaloOaView.close();
  setComposerEnabled(true);
  setReplyKeyboard(null);
  // Buffer this chat's events from now on: nothing is lost between the snapshot and the stream.
  state.pending = [];
  state.bubbles.clear();
  el.messages.replaceChildren(h("p.empty-state", "Đang tải…"));
  await eventsReady;
  const chat = await api("GET", `/sim/api/chats/${id}`).catch(() => null);
  if (state.selectedId !== id) return; // the visitor moved on meanwhile; drop this answer
  const buffered = state.pending;
  state.pending = null;
  if (!chat) {
    el.messages.replaceChildren(h("p.empty-state", "Không tải được cuộc trò chuyện"));
    return;
  }
  el.messages.replaceChildren();
  for (const message of chat.messages) putMessage(message);
  state.commands = chat.commands ?? [];
  renderCommands();
  setReplyKeyboard(chat.replyKeyboard);
  for (const event of buffered) applyChatEvent(event);
  updateEmptyState();
  scrollToBottom();
  el.composerInput.focus();
}

function userIdFromHash() {
  const match = /user=(\d+)/.exec(location.hash);
  return match ? Number(match[1]) : null;
}

/** "#user=…&on=zalo" opens the person on Zalo, "&on=zalo-oa" on the Zalo OA; "#user=…" on Telegram. */
function messengerFromHash() {
  const match = /[#&]on=(zalo-oa|zalo)\b/.exec(location.hash);
  return match ? match[1] : "telegram";
}

/** Shows the chosen messenger's view and marks its switch button. */
function setMessenger(messenger) {
  state.messenger = messenger === "zalo" || messenger === "zalo-oa" ? messenger : "telegram";
  localStorage.setItem(MESSENGER_KEY, state.messenger);
  for (const button of document.querySelectorAll("[data-messenger]")) {
    button.setAttribute("aria-pressed", String(button.dataset.messenger === state.messenger));
  }
  $("telegram-chat").hidden = state.messenger !== "telegram";
  $("zalo-chat").hidden = state.messenger !== "zalo";
  $("zalo-oa-chat").hidden = state.messenger !== "zalo-oa";
}

function setComposerEnabled(enabled) {
  for (const control of el.composer.elements) control.disabled = !enabled;
}

// ---- messages ------------------------------------------------------------------------------

function updateEmptyState() {
  const existing = el.messages.querySelector(".empty-state");
  if (state.bubbles.size > 0) existing?.remove();
  else if (!existing) el.messages.append(h("p.empty-state", "Chưa có tin nhắn — gõ /start để bắt đầu"));
}

function scrollToBottom() {
  el.messages.scrollTop = el.messages.scrollHeight;
  state.atBottom = true;
}

/** Adds a message, or replaces its bubble (edits, and repeats of one already shown). */
function putMessage(message) {
  const bubble = renderMessage(message);
  const old = state.bubbles.get(message.message_id);
  state.bubbles.set(message.message_id, bubble);
  if (old) {
    old.replaceWith(bubble);
    return;
  }
  // Keep message_id order even if events arrive out of order.
  const later = [...state.bubbles.keys()].filter((id) => id > message.message_id);
  if (later.length > 0) state.bubbles.get(Math.min(...later))?.before(bubble);
  else el.messages.append(bubble);
}

function removeMessage(messageId) {
  state.bubbles.get(messageId)?.remove();
  state.bubbles.delete(messageId);
  updateEmptyState();
}

function renderMessage(message) {
  const time = timeFormat.format(new Date(message.date * 1000));
  const bubble = h(
    "div.bubble",
    message.reply_to_message && renderReplyQuote(message.reply_to_message),
    renderContent(message),
    h(
      "span.meta",
      // Replying to a message (swipe on a phone, "Reply" on desktop in Telegram).
      h(
        "button.reply-action",
        { type: "button", title: "Trả lời tin này", onclick: () => startReply(message) },
        "↩",
      ),
      message.edit_date ? " đã sửa " : " ",
      time,
    ),
  );
  const keyboard = message.reply_markup?.inline_keyboard;
  const dataset = { messageId: String(message.message_id), outgoing: String(Boolean(message.outgoing)) };
  return h(
    `div.message.${message.outgoing ? "from-bot" : "from-user"}`,
    { dataset },
    bubble,
    keyboard?.length > 0 && renderInlineKeyboard(message.message_id, keyboard),
  );
}

function renderReplyQuote(replied) {
  const text = replied.text ?? replied.caption ?? (replied.photo ? "🖼 Ảnh" : "Tin nhắn");
  const author = replied.from?.is_bot ? (state.bot?.first_name ?? "Bot") : "Bạn";
  return h("div.reply-quote", h("b", author), h("div", text.slice(0, 80)));
}

/** The body of a bubble: media first, then text or caption, as Telegram lays it out. */
function renderContent(message) {
  const parts = [];
  if (message.photo) {
    const img = h("img", { src: message.fileUrl, alt: "Ảnh" });
    // A picture that finishes loading grows the list; keep following it if we were at the bottom.
    img.addEventListener("load", () => state.atBottom && scrollToBottom());
    parts.push(h("a.photo", { href: message.fileUrl, target: "_blank", rel: "noopener" }, img));
  }
  if (message.document) parts.push(renderDocument(message));
  if (message.location) {
    const { latitude: lat, longitude: lon } = message.location;
    const href = `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lon}#map=16/${lat}/${lon}`;
    const link = h("a", { href, target: "_blank", rel: "noopener" }, `${lat}, ${lon}`);
    parts.push(h("div.location", "📍 Vị trí: ", link));
  }
  if (message.contact) {
    parts.push(h("div.contact", `📱 Đã chia sẻ số điện thoại: ${message.contact.phone_number}`));
  }
  if (message.text !== undefined) parts.push(renderFormatted(message.text, message.entities ?? []));
  else if (message.caption) parts.push(renderFormatted(message.caption, message.caption_entities ?? []));
  if (parts.length === 0) parts.push(h("div.unsupported", "(loại tin nhắn chưa hỗ trợ)"));
  return parts;
}

function renderDocument(message) {
  const { file_name: name = "Tệp", file_size: bytes } = message.document;
  const size = bytes ? `${(bytes / 1024).toLocaleString("vi-VN", { maximumFractionDigits: 1 })} KB` : "";
  const link =
    message.fileUrl && h("a.document-link", { href: message.fileUrl, download: name }, "Tải xuống");
  return h(
    "div.document",
    h("span.document-icon", { "aria-hidden": "true" }, "📄"),
    h("span.document-text", h("span.document-name", name), h("span", size)),
    link,
  );
}

// ---- formatted text (entities) -------------------------------------------------------------

/**
 * Turns entities into a tree of properly nested ranges. An entity that crosses the end of an
 * enclosing one is cut there and the rest is re-queued, so partial overlaps still render right
 * while a blockquote or pre containing bold stays one block. Offsets are UTF-16 = JS indices.
 */
function entityTree(text, entities) {
  const order = (a, b) => a.start - b.start || b.end - a.end;
  const queue = entities
    .map((entity) => ({
      entity,
      start: Math.max(0, entity.offset),
      end: Math.min(text.length, entity.offset + entity.length),
    }))
    .filter((range) => range.end > range.start)
    .sort(order);
  const root = { start: 0, end: text.length, children: [] };
  const stack = [root];
  while (queue.length > 0) {
    const node = queue.shift();
    node.children = [];
    while (stack[stack.length - 1].end <= node.start) stack.pop();
    const parent = stack[stack.length - 1];
    if (node.end > parent.end) {
      const rest = { entity: node.entity, start: parent.end, end: node.end };
      node.end = parent.end;
      const at = queue.findIndex((other) => order(rest, other) < 0);
      queue.splice(at < 0 ? queue.length : at, 0, rest);
    }
    parent.children.push(node);
    stack.push(node);
  }
  return root;
}

function renderFormatted(text, entities) {
  const container = h("div.text");
  appendRange(container, text, entityTree(text, entities));
  return container;
}

/** Appends a range's text: entity children wrapped in their elements, the gaps as plain text. */
function appendRange(parent, text, node) {
  let position = node.start;
  for (const child of node.children) {
    if (child.start > position) parent.append(text.slice(position, child.start));
    const outer = entityElement(child.entity, text.slice(child.start, child.end));
    appendRange(outer.firstElementChild ?? outer, text, child); // still empty, but <pre> holds a <code>
    parent.append(outer);
    position = child.end;
  }
  if (position < node.end) parent.append(text.slice(position, node.end));
}

const SIMPLE_TAGS = {
  bold: "strong",
  italic: "em",
  underline: "u",
  strikethrough: "s",
  code: "code",
  blockquote: "blockquote",
  mention: "span.mention",
  text_mention: "span.mention",
  hashtag: "span.mention",
  cashtag: "span.mention",
  phone_number: "span.mention",
};

/** The (empty) element for one entity; `covered` is the text it spans. */
function entityElement(entity, covered) {
  const link = (href) => {
    if (!href) return h("span.bad-link");
    // A deep link to this bot (t.me/<bot>?start=…) opens the chat with /start <payload>, as in Telegram.
    const start = deepLinkStart(href);
    if (start !== null) return h("a.deep-link", { href, onclick: (event) => sendFromLink(event, start) });
    return h("a", { href, target: "_blank", rel: "noopener" });
  };
  switch (entity.type) {
    case "pre":
      return h("pre", h("code", { dataset: entity.language ? { language: entity.language } : {} }));
    case "spoiler":
      return renderSpoiler();
    case "expandable_blockquote":
      return h("blockquote.expandable", {
        title: "Bấm để mở rộng",
        onclick: (event) => event.currentTarget.classList.add("expanded"),
      });
    case "text_link":
      return link(safeUrl(entity.url));
    case "url":
      return link(safeUrl(covered));
    case "email":
      return link(`mailto:${covered}`);
    case "bot_command":
      // Tapping a command in Telegram sends it; the <a> keeps it keyboard-reachable.
      return h("a.command", { href: "#", onclick: (event) => sendFromLink(event, covered) });
    default:
      return h(SIMPLE_TAGS[entity.type] ?? "span"); // custom_emoji and newer kinds: plain text
  }
}

/** "/start <payload>" for a t.me link to this bot, otherwise null. */
function deepLinkStart(href) {
  try {
    const url = new URL(href);
    const bot = state.bot?.username?.toLowerCase();
    if (url.hostname !== "t.me" || !bot || url.pathname.slice(1).toLowerCase() !== bot) return null;
    const payload = url.searchParams.get("start");
    return payload ? `/start ${payload}` : "/start";
  } catch {
    return null;
  }
}

function sendFromLink(event, text) {
  event.preventDefault();
  sendText(text);
}

/** Blurred until clicked; the capture listener stops a link inside from opening on that first click. */
function renderSpoiler() {
  const spoiler = h("span.spoiler", { title: "Bấm để xem" });
  const reveal = (event) => {
    if (spoiler.classList.contains("revealed")) return;
    spoiler.classList.add("revealed");
    event.preventDefault();
    event.stopPropagation();
  };
  spoiler.addEventListener("click", reveal, true);
  return spoiler;
}

// ---- inline and reply keyboards ------------------------------------------------------------

function renderInlineKeyboard(messageId, rows) {
  const button = (spec) =>
    h(
      "button.inline-button",
      { type: "button", onclick: (event) => pressInline(event.currentTarget, messageId, spec) },
      spec.text,
      spec.url && h("span.link-mark", { "aria-hidden": "true" }, " ↗"),
    );
  return h(
    "div.inline-keyboard",
    rows.map((row) => h("div.inline-row", row.map(button))),
  );
}

async function pressInline(target, messageId, button) {
  if (button.url) {
    const href = safeUrl(button.url);
    if (href) window.open(href, "_blank", "noopener");
    else showToast("Liên kết không hợp lệ", "error");
  } else if (button.callback_data !== undefined) {
    // Telegram shows a spinner on the pressed button until the bot answers; dimming will do.
    target.classList.add("pending");
    const json = { messageId, data: button.callback_data };
    await api("POST", chatPath("callback"), { json }).catch(ignore);
    target.classList.remove("pending");
  } else {
    showToast("Loại nút này chưa được trình mô phỏng hỗ trợ");
  }
}

function setReplyKeyboard(markup) {
  state.replyKeyboard = markup ?? null;
  el.composerInput.placeholder = markup?.input_field_placeholder || DEFAULT_PLACEHOLDER;
  el.keyboardToggle.hidden = !markup;
  el.replyKeyboard.hidden = !markup;
  el.replyKeyboard.classList.toggle("compact", Boolean(markup?.resize_keyboard));
  const button = (spec) => {
    const kb = typeof spec === "string" ? { text: spec } : spec;
    return h("button.reply-button", { type: "button", onclick: () => pressReply(kb) }, kb.text);
  };
  el.replyKeyboard.replaceChildren(
    ...(markup?.keyboard ?? []).map((row) => h("div.reply-row", row.map(button))),
  );
}

function pressReply(button) {
  if (state.replyKeyboard?.one_time_keyboard) el.replyKeyboard.hidden = true;
  if (button.request_contact) api("POST", chatPath("contact"), { json: {} }).catch(ignore);
  else if (button.request_location) openLocation();
  else sendText(button.text);
}

// ---- commands, location and the other composer actions -------------------------------------

function renderCommands() {
  const items = state.commands.map(({ command, description }) =>
    h(
      "li",
      h(
        "button.command-item",
        { type: "button", onclick: () => sendCommand(command) },
        h("span.command-name", `/${command}`),
        h("span.command-desc", description),
      ),
    ),
  );
  if (items.length === 0) items.push(h("li.muted", "Bot chưa đăng ký lệnh nào"));
  el.commandsList.replaceChildren(...items);
}

function sendCommand(command) {
  closePanels();
  sendText(`/${command}`);
}

function closePanels() {
  el.commandsPanel.hidden = true;
  el.locationPopover.hidden = true;
}

function togglePanel(panel) {
  const open = panel.hidden;
  closePanels();
  panel.hidden = !open;
}

function openLocation() {
  closePanels();
  el.locationPopover.hidden = false;
  el.locationLat.focus();
}

async function sendText(text) {
  if (!text.trim() || state.selectedId === null) return;
  await api("POST", chatPath("messages"), { json: { text } }).catch(ignore);
}

/** The file's bytes as base64 (the page API takes JSON only). */
function readBase64(file) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(",") + 1));
    };
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

/** Uploads a picked file; for a photo the composer's text goes along as the caption. */
async function uploadFile(kind, fileInput) {
  const file = fileInput.files?.[0];
  fileInput.value = ""; // so that picking the same file again still fires "change"
  if (!file || state.selectedId === null) return;
  const caption = el.composerInput.value;
  let data;
  try {
    data = await readBase64(file);
  } catch {
    showToast(`Không đọc được tệp ${file.name}`, "error");
    return;
  }
  const json =
    kind === "photo"
      ? { data, mimeType: file.type || "image/jpeg", ...(caption.trim() ? { caption } : {}) }
      : { data, mimeType: file.type || "application/octet-stream", fileName: file.name };
  const sent = await api("POST", chatPath(kind), { json }).then(() => true, ignore);
  if (sent && kind === "photo" && el.composerInput.value === caption) el.composerInput.value = "";
}

async function submitComposer(event) {
  event.preventDefault();
  const text = el.composerInput.value;
  if (!text.trim() || state.selectedId === null) return;
  // Clear at once, as Telegram does; put the text back if the server refused it.
  el.composerInput.value = "";
  const replyTo = state.replyTo;
  cancelReply();
  try {
    await api("POST", chatPath("messages"), { json: replyTo ? { text, replyTo } : { text } });
  } catch {
    if (el.composerInput.value === "") el.composerInput.value = text;
  }
}

/** The next message sent is a reply to this one (shown above the composer until sent). */
function startReply(message) {
  state.replyTo = message.message_id;
  const preview = (message.text ?? message.caption ?? "").replace(/\s+/g, " ");
  document.getElementById("replying-text").textContent =
    preview.length > 60 ? `${preview.slice(0, 59)}…` : preview;
  document.getElementById("replying").hidden = false;
  el.composerInput.focus();
}

function cancelReply() {
  state.replyTo = null;
  document.getElementById("replying").hidden = true;
}

async function submitLocation(event) {
  event.preventDefault();
  const json = { latitude: Number(el.locationLat.value), longitude: Number(el.locationLon.value) };
  if (!Number.isFinite(json.latitude) || !Number.isFinite(json.longitude)) return;
  // On failure the popover stays open, to retry.
  await api("POST", chatPath("location"), { json }).then(closePanels, ignore);
}

async function toggleBlocked() {
  const blocked = el.blockToggle.checked;
  try {
    const result = await api("POST", chatPath("blocked"), { json: { blocked } });
    if (result?.user) upsertUser(result.user); // the "user" event will say the same
  } catch {
    el.blockToggle.checked = !blocked;
  }
}

async function submitNewUser(event) {
  event.preventDefault();
  const form = new FormData(el.newUserForm);
  const value = (name) => String(form.get(name) ?? "").trim();
  const json = {
    firstName: value("firstName"),
    lastName: value("lastName") || undefined,
    phoneNumber: value("phoneNumber"),
  };
  const result = await api("POST", "/sim/api/users", { json }).catch(ignore);
  if (!result?.user) return;
  upsertUser(result.user);
  el.newUserForm.reset();
  el.newUser.open = false;
  selectUser(result.user.id);
}

// ---- typing indicator ----------------------------------------------------------------------

const ACTIONS = {
  typing: "đang nhập…",
  upload_photo: "đang gửi ảnh…",
  upload_document: "đang gửi tệp…",
  find_location: "đang tìm vị trí…",
};

function showTyping(action) {
  el.chatStatus.textContent = ACTIONS[action] ?? "đang nhập…";
  el.chatStatus.classList.add("typing");
  clearTimeout(state.typingTimer);
  state.typingTimer = setTimeout(stopTyping, TYPING_MS);
}

function stopTyping() {
  clearTimeout(state.typingTimer);
  el.chatStatus.textContent = "bot";
  el.chatStatus.classList.remove("typing");
}

// ---- live events ---------------------------------------------------------------------------

function onEvent(event) {
  if (event.type.startsWith("zalo_oa_")) {
    if (state.messenger === "zalo-oa") zaloOaView.onEvent(event);
    return;
  }
  if (event.type.startsWith("zalo_")) {
    if (state.messenger === "zalo") zaloView.onEvent(event);
    return;
  }
  if (event.type === "user") upsertUser(event.user);
  else if (state.messenger !== "telegram")
    return; // the Telegram view is loaded afresh when shown
  else if (event.chatId !== state.selectedId) return;
  else if (state.pending)
    state.pending.push(event); // history still loading
  else applyChatEvent(event);
}

/** What each event of the selected chat does to the page. */
const chatEventHandlers = {
  message: ({ message }) => {
    // Follow the conversation if we were at the bottom or the visitor just wrote this.
    const follow = state.atBottom || !message.outgoing;
    if (message.outgoing) stopTyping(); // a bot message ends its "typing", as on Telegram
    putMessage(message);
    updateEmptyState();
    if (follow) scrollToBottom();
  },
  edit: ({ message }) => {
    // An edit can make the last bubble taller; stay at the bottom if we were there.
    const follow = state.atBottom;
    putMessage(message);
    if (follow) scrollToBottom();
  },
  delete: ({ messageId }) => removeMessage(messageId),
  keyboard: ({ replyKeyboard }) => setReplyKeyboard(replyKeyboard),
  callback_answer: ({ text, showAlert: asAlert }) => {
    if (text && asAlert) showAlert(text);
    else if (text) showToast(text);
  },
  chat_action: ({ action }) => showTyping(action),
  commands: ({ commands }) => {
    state.commands = commands ?? [];
    renderCommands();
  },
};

const applyChatEvent = (event) => chatEventHandlers[event.type]?.(event);

function connectEvents() {
  const source = new EventSource(`/sim/api/events?token=${encodeURIComponent(PAGE_TOKEN)}`);
  let opened = false;
  let lost = false;
  source.onopen = () => {
    el.connection.hidden = true;
    markEventsReady();
    // Events sent while we were away are gone: reload everything after a reconnect.
    if (opened && lost) loadState().catch(ignore);
    opened = true;
    lost = false;
  };
  source.onerror = () => {
    lost = true;
    el.connection.hidden = false;
    // Refused for good (the simulator restarted with a new page token): only a reload helps.
    if (source.readyState === EventSource.CLOSED) {
      el.connection.textContent = "Trình giả lập đã khởi động lại — hãy tải lại trang (F5)";
    }
    markEventsReady(); // no stream yet: still show the chat rather than wait forever
  };
  source.onmessage = (message) => {
    try {
      onEvent(JSON.parse(message.data));
    } catch (error) {
      console.error("Bad simulator event", message.data, error);
    }
  };
}

// ---- start-up ------------------------------------------------------------------------------

async function loadState() {
  const data = await api("GET", "/sim/api/state");
  state.bot = data.bot;
  el.botName.textContent = data.bot.first_name;
  document.title = `${data.bot.first_name} — Trình mô phỏng Telegram`;
  const { perChat, global } = data.limits ?? {};
  el.limits.textContent = `@${data.bot.username} · giới hạn gửi: ${perChat}/chat, ${global} toàn cục`;
  el.accessNote.textContent = data.access?.remote
    ? "⚠️ Công cụ thử nghiệm, đang mở cho các máy khác trong mạng (có mật khẩu)"
    : "Công cụ thử nghiệm, chỉ mở trên máy này";
  state.users = new Map(data.users.map((user) => [user.id, user]));
  zaloView.configure(data.zalo);
  renderUsers();
  // The URL wins (a shared link), then the current choice (after a reconnect), then the last visit.
  const candidates = [userIdFromHash(), state.selectedId, Number(localStorage.getItem(STORAGE_KEY))];
  const wanted = candidates.find((id) => state.users.has(id));
  const messenger =
    userIdFromHash() !== null
      ? messengerFromHash()
      : (localStorage.getItem(MESSENGER_KEY) ?? state.messenger);
  setMessenger(messenger);
  if (wanted !== undefined) await selectUser(wanted, state.messenger);
}

function bindControls() {
  const on = (id, type, handler) => $(id).addEventListener(type, handler);
  on("users-toggle", "click", () => setUsersOpen(!el.app.classList.contains("users-open")));
  on("new-user-form", "submit", submitNewUser);
  on("block-toggle", "change", toggleBlocked);
  on("composer", "submit", submitComposer);
  on("commands-button", "click", () => togglePanel(el.commandsPanel));
  on("photo-button", "click", () => el.photoInput.click());
  on("document-button", "click", () => el.documentInput.click());
  on("location-button", "click", () => togglePanel(el.locationPopover));
  on("location-cancel", "click", closePanels);
  on("location-popover", "submit", submitLocation);
  on("keyboard-toggle", "click", () => el.replyKeyboard.toggleAttribute("hidden"));
  on("photo-input", "change", () => uploadFile("photo", el.photoInput));
  on("document-input", "change", () => uploadFile("document", el.documentInput));
  document.getElementById("replying-cancel").addEventListener("click", cancelReply);
  for (const button of document.querySelectorAll("[data-messenger]")) {
    button.addEventListener("click", () => {
      setMessenger(button.dataset.messenger);
      if (state.selectedId !== null) selectUser(state.selectedId, state.messenger);
    });
  }
  on("messages", "scroll", () => {
    const { scrollTop, scrollHeight, clientHeight } = el.messages;
    state.atBottom = scrollHeight - scrollTop - clientHeight < 40;
  });
  document.addEventListener("keydown", (event) => event.key === "Escape" && closePanels());
  window.addEventListener("hashchange", () => {
    const id = userIdFromHash();
    const messenger = messengerFromHash();
    if (id !== null && (id !== state.selectedId || messenger !== state.messenger)) selectUser(id, messenger);
  });
}

const zaloView = createZaloView({ h, api, ignore, showToast, readBase64, timeFormat });
const zaloOaView = createZaloOaView({ h, api, ignore, showToast, readBase64, timeFormat });
bindControls();
setComposerEnabled(false);
renderCommands();
connectEvents();
loadState().catch(ignore);
