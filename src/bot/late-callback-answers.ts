import type { Logger } from "pino";

const TOO_OLD = /query is too old|query ID is invalid/i;

/**
 * Lets a button press be handled even when it is too late to acknowledge it.
 *
 * `answerCallbackQuery` only stops the spinner on the pressed button (or shows a toast); after
 * about 15 seconds Telegram refuses it ("query is too old"). A press handled late — after a
 * flood wait, or again by the next run after a crash — would then fail on that first call and
 * never reach what the person asked for. Such a refusal is taken as done (nothing can be shown
 * any more) and logged; every other answer passes through unchanged. In `fetch`, like
 * `flood-wait.ts`, so that it holds inside conversations too.
 */
export function acceptLateCallbackAnswers(base: typeof fetch, logger: Logger): typeof fetch {
  return (async (input: string | URL | Request, init?: RequestInit) => {
    const response = await base(input, init);
    if (response.status !== 400) return response;
    const url = String(input instanceof Request ? input.url : input);
    if (!url.endsWith("/answerCallbackQuery")) return response;
    const description = await response
      .clone()
      .json()
      .then((data) => String((data as { description?: unknown }).description ?? ""))
      .catch(() => "");
    if (!TOO_OLD.test(description)) return response;
    logger.info({ description }, "button press too old to acknowledge; handled all the same");
    return Response.json({ ok: true, result: true });
  }) as typeof fetch;
}
