// The console's only script: copy buttons. One listener on the document keeps working across enhanced navigation.
document.addEventListener("click", async (event) => {
  const button = event.target instanceof Element ? event.target.closest("button[data-copy]") : null;
  if (!button) {
    return;
  }

  try {
    await navigator.clipboard.writeText(button.dataset.copy);
    button.classList.add("copied");
    button.textContent = "Copied";
  } catch {
    button.textContent = "Select and copy";
  }
});
