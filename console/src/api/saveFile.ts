/**
 * Hands bytes to the browser as a file: a link to an object URL, clicked once and let go. No
 * data: URL and no new window, so the page's policy (`default-src 'none'`) needs nothing looser:
 * it governs what the page fetches and runs, and saving a blob the script made is neither.
 */
export function saveFile(filename: string, content: Blob): void {
  const url = URL.createObjectURL(content);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has taken the file; the object URL would otherwise hold the bytes until the tab closes.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
