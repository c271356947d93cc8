// Asks the browser not to evict our IndexedDB under storage pressure. Asked when the user shows
// the data matters (stars an item, installs the app), not on first load, where browsers that
// prompt would ask a stranger for a commitment.
let asked = false;

export async function requestPersistentStorage(): Promise<boolean> {
  if (asked || !navigator.storage?.persist) return false;
  asked = true;
  if (await navigator.storage.persisted()) return true;
  return navigator.storage.persist();
}
