// Type-to-filter for long pick lists (letter types at the counter, in the portal and on the
// kiosk): <input data-saring="#list"> hides the [data-item] entries of #list that do not hold
// every typed word; Enter picks the first one left. Without JavaScript the whole list shows.
(function () {
  "use strict";
  for (const input of document.querySelectorAll("input[data-saring]")) {
    const daftar = document.querySelector(input.dataset.saring);
    if (!daftar) continue;
    const kotak = input.closest("[hidden]");
    if (kotak) kotak.hidden = false;
    const item = [...daftar.querySelectorAll("[data-item]")];
    const kosong = input.dataset.kosong ? document.querySelector(input.dataset.kosong) : null;
    // A small screen (the kiosk) shows only the first few until something is typed.
    const batas = parseInt(input.dataset.batas || "0", 10);
    const lainnya = input.dataset.lainnya ? document.querySelector(input.dataset.lainnya) : null;
    const saring = () => {
      const kata = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      let ada = 0;
      for (const it of item) {
        const teks = (it.dataset.cari || it.textContent).toLowerCase();
        const cocok = kata.every((k) => teks.includes(k)) && (kata.length > 0 || !batas || ada < batas);
        it.hidden = !cocok;
        if (cocok) ada++;
      }
      if (kosong) kosong.hidden = ada > 0;
      if (lainnya) lainnya.hidden = !(batas && kata.length === 0 && item.length > batas);
    };
    input.addEventListener("input", saring);
    input.addEventListener("keydown", (e) => {
      if (e.key !== "Enter") return;
      e.preventDefault();
      const pertama = item.find((i) => !i.hidden);
      const tombol = pertama && (pertama.matches("a, button") ? pertama : pertama.querySelector("a, button"));
      if (tombol) tombol.click();
    });
    saring();
  }
})();
