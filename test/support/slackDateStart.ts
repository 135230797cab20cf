/** How a reply writes an instant for Slack to render, up to its format: `<!date^SECONDS^`. */
export const slackDateStart = (ms: number): string => `<!date^${Math.floor(ms / 1000)}^`;
