import type { Db } from "../../db/client.js";
import type { FormDefinition } from "./form-definition.js";
import { FORMS_DIR, loadForms } from "./load-forms.js";
import { loadStoredForm, type StoredForm, syncForms } from "./report-store.js";

/**
 * The report forms the bot offers: the latest version of each form file, stored in the
 * database (older versions stay there for the drafts that pinned them). Loads in the
 * background when created; every method waits for it.
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
  const loading = (async () => {
    const { forms, errors } = loadForms(dir);
    if (errors.length > 0) throw new Error(`content/forms has errors:\n${errors.join("\n")}`);
    // Every version in the files is stored (drafts pin theirs); the latest of each key is offered.
    const synced = await syncForms(db, forms as FormDefinition[]);
    for (const name of synced.changedWithoutNewVersion) {
      warn(`report form ${name} differs from the stored version; raise its version to publish the change`);
    }
    return [...synced.latest.values()];
  })();
  loading.catch(() => undefined);
  const byId = new Map<number, StoredForm>();
  return {
    async byId(id) {
      const cached = byId.get(id) ?? (await loading).find((form) => form.id === id);
      if (cached) return cached;
      const stored = await loadStoredForm(db, id);
      if (stored) byId.set(id, stored);
      return stored;
    },
    latest: () => loading,
    byKey: async (key) => (await loading).find((form) => form.definition.key === key),
  };
}
