/** The demonstration plan's identifier (apart from demo-data.ts so that the CLI's help loads no data). */
export const DEMO_PLAN = 'demo-connectivity';
