import type { Db } from "../../db/client.js";
import type { Locale } from "../../i18n/translator.js";
import type { Identity } from "./resolve-identity.js";

/** Stores the language choice on the person (or, for strangers, on the account). */
export async function setLocale(db: Db, identity: Identity, locale: Locale): Promise<void> {
  if (identity.person) {
    await db.person.update({ where: { id: identity.person.id }, data: { locale } });
  } else {
    await db.channelAccount.update({ where: { id: identity.accountId }, data: { locale } });
  }
}
