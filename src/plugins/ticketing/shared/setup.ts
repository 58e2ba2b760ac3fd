/** One step of the manual's setup path for a season's organisation (GET /ticketing/setup), as the server sends it and the admin shows it. */
export interface SetupStep {
  key: string;
  /** The Content Manager type where the step is done (its list view). */
  type: string;
  required: boolean;
  count: number;
  done: boolean;
  detail: Record<string, number>;
}
