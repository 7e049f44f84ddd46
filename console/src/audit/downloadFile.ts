/**
 * Saves text the gateway answered as a file in the browser: a link to an object URL of the
 * bytes, clicked once and let go. No data: URL and no new window, so the page's policy
 * (`default-src 'none'`) needs nothing looser.
 */
export function downloadFile(filename: string, contentType: string, content: string): void {
  const url = URL.createObjectURL(new Blob([content], { type: contentType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
