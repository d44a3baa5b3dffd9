// "Erase what this site keeps on this device", on the privacy page: my list, dismissed
// alerts, the offline copy (its caches and service worker). The browser's own history is not
// the site's to erase: the page says how to do that.
async function forget() {
  try { window.localStorage.clear(); } catch (error) { /* storage disabled: nothing kept */ }
  try { window.sessionStorage.clear(); } catch (error) { /* idem */ }
  if ("caches" in window) {
    for (const name of await caches.keys()) await caches.delete(name);
  }
  if (navigator.serviceWorker) {
    for (const registration of await navigator.serviceWorker.getRegistrations()) await registration.unregister();
  }
}

function start(box) {
  const button = box.querySelector("button");
  const status = box.querySelector("[data-forget-status]");
  const texts = JSON.parse(box.dataset.texts);
  button.addEventListener("click", async () => {
    button.disabled = true;
    try {
      await forget();
      status.textContent = texts.done;
    } catch (error) {
      console.warn("Could not erase everything:", error);
      status.textContent = texts.failed;
    } finally {
      button.disabled = false;
    }
  });
}

document.querySelectorAll('[data-module="forget-device"]').forEach(start);
