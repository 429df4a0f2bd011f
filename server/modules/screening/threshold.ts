/** The score from which a screening result is a match (apart from matcher.ts so that the CLI's help loads no matcher). */
export const DEFAULT_THRESHOLD = 0.8;
