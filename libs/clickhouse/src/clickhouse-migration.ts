/** A versioned schema change. Statements are templates: `{db}` is replaced by the configured database. */
export interface ClickHouseMigration {
  version: number;
  name: string;
  statements: readonly string[];
}

export const LOCAL_TIME_ZONE = 'Asia/Ho_Chi_Minh';
