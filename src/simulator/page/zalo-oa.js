// The Zalo Official Account view of the chat page: the visitor plays a person talking to the
// programme's OA. The OA shows up to five buttons under a message (a tap is sent back as a text
// message, as on Zalo), the "share your information" form of request_user_info, pictures and
// files; the person can send text, a picture, a file, their location, or follow the OA. Everything
// goes through /sim/api/zalo-oa/…; live changes arrive as zalo_oa_message events. The OA fake
// signs each action and posts it to the webhook the OA client has registered.

const DEMO_LOCATION = { latitude: 18.3428, longitude: 105.9057, name: "Thôn 3, Xã Lâm Trung Thủy" };

/**
 * @param tools helpers of app.js: h (element builder), api (page API call), ignore, showToast,
 *   readBase64, timeFormat.
 */
export function createZaloOaView(tools) {
  const { h, api, ignore, showToast, readBase64, timeFormat } = tools;
  const $ = (id) => /** @type {any} */ (document.getElementById(id));
  const el = {
    main: $("zalo-oa-chat"),
    status: $("zalo-oa-status"),
    messages: $("zalo-oa-messages"),
    composer: $("zalo-oa-composer"),
    input: $("zalo-oa-input"),
    photoInput: $("zalo-oa-photo-input"),
    fileInput: $("zalo-oa-file-input"),
    follow: $("zalo-oa-follow"),
  };
  const view = { personId: null, person: null, pending: null, bubbles: new Map() };
  const path = (suffix) => `/sim/api/zalo-oa/chats/${view.personId}/${suffix}`;

  function fullName(user) {
    return user.lastName ? `${user.lastName} ${user.firstName}` : user.firstName;
  }

  function renderContent(message) {
    switch (message.kind) {
      case "image":
        return [
          h("img.zalo-photo", { src: message.url, alt: "Ảnh" }),
          message.text && h("div.text", message.text),
        ];
      case "file":
        return h(
          "a",
          { href: message.url, target: "_blank", rel: "noopener" },
          `📎 ${message.fileName ?? "Tệp"}`,
        );
      case "location":
        return h("div.text", `📍 ${message.text}`);
      case "sticker":
        return h("div.zalo-note", "[Nhãn dán]");
      case "follow":
        return h("div.zalo-note", "Bạn đã quan tâm Official Account");
      case "submit_info":
        return h("div.zalo-note", `Bạn đã chia sẻ thông tin (số điện thoại ${message.text})`);
      case "request_user_info":
        return h(
          "div.zalo-oa-form",
          h("strong", message.requestInfo?.title ?? ""),
          h("div", message.requestInfo?.subtitle ?? ""),
          h(
            "button.zalo-oa-button",
            {
              type: "button",
              onclick: () => api("POST", path("submit"), { json: {} }).catch(ignore),
            },
            "Chia sẻ thông tin",
          ),
        );
      default:
        return h("div.text", message.text ?? "");
    }
  }

  function renderButtons(message) {
    if (!message.buttons?.length) return null;
    return h(
      "div.zalo-oa-buttons",
      ...message.buttons.map((button) =>
        button.type === "oa.open.url"
          ? h(
              "a.zalo-oa-button",
              { href: button.payload?.url, target: "_blank", rel: "noopener" },
              button.title,
            )
          : h(
              "button.zalo-oa-button",
              {
                type: "button",
                onclick: () =>
                  api("POST", path("tap"), { json: { msgId: message.msgId, title: button.title } }).catch(
                    ignore,
                  ),
              },
              button.title,
            ),
      ),
    );
  }

  function putMessage(message) {
    const bubble = h(
      `div.zalo-message.${message.outgoing ? "from-bot" : "from-me"}`,
      { dataset: { messageId: message.msgId } },
      h(
        "div.zalo-bubble",
        renderContent(message),
        renderButtons(message),
        h("span.zalo-time", timeFormat.format(new Date(message.at))),
      ),
    );
    const old = view.bubbles.get(message.msgId);
    view.bubbles.set(message.msgId, bubble);
    if (old) old.replaceWith(bubble);
    else el.messages.append(bubble);
    el.messages.querySelector(".empty-state")?.remove();
    el.messages.scrollTop = el.messages.scrollHeight;
  }

  async function open(person) {
    view.personId = person.id;
    view.person = person;
    view.pending = [];
    view.bubbles.clear();
    el.status.textContent = `Zalo OA · bạn là ${fullName(person)}`;
    el.messages.replaceChildren(h("p.empty-state", "Đang tải…"));
    const chat = await api("GET", `/sim/api/zalo-oa/chats/${person.id}`).catch(() => null);
    if (view.personId !== person.id) return;
    const buffered = view.pending;
    view.pending = null;
    if (!chat) {
      el.messages.replaceChildren(h("p.empty-state", "Không tải được cuộc trò chuyện"));
      return;
    }
    el.messages.replaceChildren();
    for (const message of chat.messages) putMessage(message);
    for (const event of buffered) putMessage(event.message);
    if (view.bubbles.size === 0) {
      el.messages.append(
        h(
          "p.empty-state",
          chat.webhook
            ? "Chưa có tin nhắn — quan tâm OA hoặc nhắn gì đó"
            : "Chưa có tin nhắn. Chưa có webhook nào được đăng ký: tin của bạn sẽ không tới bot.",
        ),
      );
    }
    el.input.focus();
  }

  function close() {
    view.personId = null;
    view.person = null;
    view.pending = null;
  }

  function onEvent(event) {
    if (event.type !== "zalo_oa_message" || event.chatId !== view.personId) return;
    if (view.pending) view.pending.push(event);
    else putMessage(event.message);
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

  async function sendFile(input, kind) {
    const file = input.files?.[0];
    input.value = "";
    if (!file || view.personId === null) return;
    let data;
    try {
      data = await readBase64(file);
    } catch {
      showToast(`Không đọc được tệp ${file.name}`, "error");
      return;
    }
    const json =
      kind === "photo"
        ? { data, mimeType: file.type || "image/jpeg" }
        : { data, mimeType: file.type || "application/octet-stream", fileName: file.name };
    await api("POST", path(kind), { json }).catch(ignore);
  }

  el.composer.addEventListener("submit", submit);
  $("zalo-oa-photo-button").addEventListener("click", () => el.photoInput.click());
  $("zalo-oa-file-button").addEventListener("click", () => el.fileInput.click());
  $("zalo-oa-location-button").addEventListener("click", () =>
    api("POST", path("location"), { json: DEMO_LOCATION }).catch(ignore),
  );
  el.follow.addEventListener("click", () => api("POST", path("follow"), { json: {} }).catch(ignore));
  el.photoInput.addEventListener("change", () => sendFile(el.photoInput, "photo"));
  el.fileInput.addEventListener("change", () => sendFile(el.fileInput, "document"));

  return { open, close, onEvent, element: el.main };
}
