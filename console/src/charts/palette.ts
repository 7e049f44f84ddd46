/**
 * Eight colours a reader can tell apart, each dark enough against white (3:1, WCAG 1.4.11); a
 * ninth series reuses the first, and the legend and the table still name it.
 */
const PALETTE = ['#1f5f9e', '#c05600', '#2e7d32', '#8e24aa', '#b71c1c', '#00796b', '#5d4037', '#455a64'];

export const colourOf = (index: number): string => PALETTE[index % PALETTE.length]!;
