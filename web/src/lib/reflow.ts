/**
 * Phones: every table under `root` gets the `reflow` class and each cell a `data-label` naming
 * its column, so CSS can show one labelled card per row below 700 px instead of a wide table.
 */
export function labelTables(root: HTMLElement): () => void {
  const label = () => {
    for (const table of root.querySelectorAll('table')) {
      const headers = [...table.querySelectorAll('thead th')].map((th) => th.textContent?.trim() ?? '');
      table.classList.add('reflow');
      for (const row of table.querySelectorAll('tbody tr')) {
        [...row.children].forEach((cell, i) => {
          const want = headers[i] ?? '';
          if (cell.getAttribute('data-label') !== want) cell.setAttribute('data-label', want);
        });
      }
    }
  };
  label();
  const observer = new MutationObserver(label);
  observer.observe(root, { childList: true, subtree: true, characterData: true });
  return () => observer.disconnect();
}
