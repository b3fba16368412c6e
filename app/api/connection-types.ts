/** Connection shapes that cross to the renderer: never a secret. */

/** What the renderer knows of a connection: never its secret. */
export interface ConnectionSummary {
  id: string;
  label: string;
  endpoint: string;
  region: string;
  pathStyle: boolean;
  accessKeyId: string;
}
