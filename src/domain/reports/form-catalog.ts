import type { Db } from "../../db/client.js";
import type { FormDefinition } from "./form-definition.js";
import { FORMS_DIR, loadForms } from "./load-forms.js";
import { loadStoredForm, type StoredForm, syncForms } from "./report-store.js";

/**
 * The report forms the bot offers: the latest version of each form file, stored in the
 * database (older versions stay there for the drafts that pinned them). Loads — and stores
 * new versions — on first use (the app asks at start-up); every method waits for it. Nothing
 * is read or written when it is created: a catalog made and never used (a test's bot, a tool)
 * does not write after its database was closed.
 */
export interface FormCatalog {
  latest(): Promise<StoredForm[]>;
  byKey(key: string): Promise<StoredForm | undefined>;
  /** Any stored version (a draft's pinned one); versions never change, so they are cached. */
  byId(id: number): Promise<StoredForm | null>;
}

export function createFormCatalog(
  db: Db,
  dir: string = FORMS_DIR,
  warn: (message: string) => void = () => undefined,
): FormCatalog {
  const load = async () => {
    const { forms, errors } = loadForms(dir);
    if (errors.length > 0) throw new Error(`content/forms has errors:\n${errors.join("\n")}`);
    // Every version in the files is stored (drafts pin theirs); the latest of each key is offered.
    const synced = await syncForms(db, forms as FormDefinition[]);
    for (const name of synced.changedWithoutNewVersion) {
      warn(`report form ${name} differs from the stored version; raise its version to publish the change`);
    }
    return [...synced.latest.values()];
  };
  let loading: Promise<StoredForm[]> | undefined;
  const latest = () => {
    if (!loading) {
      loading = load();
      // A failure is reported to whoever waits for the forms, not as an unhandled rejection.
      loading.catch(() => undefined);
    }
    return loading;
  };
  const byId = new Map<number, StoredForm>();
  return {
    async byId(id) {
      const cached = byId.get(id) ?? (await latest()).find((form) => form.id === id);
      if (cached) return cached;
      const stored = await loadStoredForm(db, id);
      if (stored) byId.set(id, stored);
      return stored;
    },
    latest,
    byKey: async (key) => (await latest()).find((form) => form.definition.key === key),
  };
}
