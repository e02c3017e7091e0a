// Small helpers for the admin screens; every screen also works without them.
document.addEventListener("submit", (e) => {
  const f = e.target;
  if (f.dataset && f.dataset.yakin && !window.confirm(f.dataset.yakin)) e.preventDefault();
});
document.addEventListener("click", (e) => {
  if (e.target.closest && e.target.closest(".cetak-halaman")) window.print();
});
// Article editor: the buttons wrap the selected text in the simple tags the site keeps.
for (const alat of document.querySelectorAll(".alat-tulis")) {
  const ta = document.getElementById(alat.dataset.untuk);
  if (!ta) continue;
  alat.hidden = false;
  alat.addEventListener("click", (e) => {
    const b = e.target.closest("button[data-tag]");
    if (!b) return;
    const [a, z] = [ta.selectionStart, ta.selectionEnd];
    const pilih = ta.value.slice(a, z) || "teks";
    const tag = b.dataset.tag;
    let isi;
    if (tag === "li") {
      isi = "<ul>\n" + pilih.split("\n").filter((l) => l.trim()).map((l) => `<li>${l.trim()}</li>`).join("\n") + "\n</ul>";
    } else if (tag === "a") {
      const url = window.prompt("Alamat tautan (diawali https://):", "https://");
      if (!url || !/^https?:\/\//.test(url)) return;
      isi = `<a href="${url.replace(/"/g, "%22")}">${pilih}</a>`;
    } else {
      isi = `<${tag}>${pilih}</${tag}>`;
    }
    ta.setRangeText(isi, a, z, "end");
    ta.focus();
  });
}
// Menu sections: opening one closes the others; a click elsewhere closes them all.
document.addEventListener("click", (e) => {
  for (const d of document.querySelectorAll("nav.menu-desa details[open]")) {
    if (!d.contains(e.target)) d.open = false;
  }
});
