import { integer } from "drizzle-orm/sqlite-core";

/** The row id every table but the keyed ones has. */
export const rowId = () => integer("id").primaryKey({ autoIncrement: true });
