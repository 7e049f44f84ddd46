import type { ArrestRow } from './records';

/**
 * The arrest photograph. Synthetic: a placard with the arrest number, never a face; the real
 * source would serve the stored still. Nothing here measures or matches a face [P4].
 */
export function arrestPhoto(arrest: Pick<ArrestRow, 'number' | 'arrestedAt'>) {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="240" height="300"><rect width="240" height="300" fill="#d9d9d9"/>`
    + `<text x="120" y="150" font-family="monospace" font-size="20" text-anchor="middle">${arrest.number}</text></svg>`;
  return { takenAt: arrest.arrestedAt, mediaType: 'image/svg+xml', dataUrl: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}` };
}
