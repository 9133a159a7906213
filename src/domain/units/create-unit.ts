import type { Db } from "../../db/client.js";
import { inWriteTransaction } from "../imports/import-plan.js";
import type { UnitLevel } from "../roles.js";
import { childPath } from "./unit-path.js";

export interface CreateUnitInput {
  code: string;
  name: string;
  level: UnitLevel;
  parentId: number | null;
}

/** Creates a unit under its parent and fills in its materialised path. */
export async function createUnit(db: Db, input: CreateUnitInput) {
  return inWriteTransaction(db, async (tx) => {
    const parent = input.parentId ? await tx.unit.findUniqueOrThrow({ where: { id: input.parentId } }) : null;
    const unit = await tx.unit.create({
      data: {
        code: input.code,
        name: input.name,
        level: input.level,
        parentId: parent?.id ?? null,
        path: "",
        depth: parent ? parent.depth + 1 : 0,
      },
    });
    return tx.unit.update({
      where: { id: unit.id },
      data: { path: childPath(parent?.path ?? null, unit.id) },
    });
  });
}
