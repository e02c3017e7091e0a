// Balai kiosk: on-screen numeric keypad, idle logout, printing and logout after each print.
(function () {
  "use strict";
  // A page restored from the back/forward cache is reloaded, so the server decides what shows.
  window.addEventListener("pageshow", (e) => { if (e.persisted) window.location.reload(); });
  const diam = parseInt(document.body.dataset.diam || "0", 10);

  // Once only: the idle timer keeps ticking while the logout page loads.
  let keluarDimulai = false;
  function keluar() {
    if (keluarDimulai) return;
    keluarDimulai = true;
    const f = document.getElementById("form-keluar");
    if (f) f.submit(); else window.location.href = "/anjungan";
  }

  // Keypad: types into the focused field (NIK first, then PIN). A scanner types into the NIK
  // field like a keyboard and ends with Enter, which moves on to the PIN.
  const nik = document.getElementById("nik");
  const pin = document.getElementById("pin");
  let sasaran = nik;
  [nik, pin].forEach((el) => el && el.addEventListener("focus", () => { sasaran = el; }));
  if (nik && pin) {
    nik.addEventListener("keydown", (e) => {
      if (e.key === "Enter") { e.preventDefault(); pin.focus(); }
    });
    // The NIK came back with a message (PIN missing): the PIN is what is left to type.
    if (nik.value.length >= 16) pin.focus();
    document.getElementById("form-masuk").addEventListener("submit", (e) => {
      if (nik.value.replace(/\D/g, "").length < 16) { e.preventDefault(); nik.focus(); }
      else if (pin.value.length === 0) { e.preventDefault(); pin.focus(); }
    });
  }
  const papan = document.getElementById("papan-angka");
  if (papan) {
    papan.addEventListener("click", (e) => {
      const b = e.target.closest("button");
      if (!b || !sasaran) return;
      if (b.dataset.angka !== undefined) {
        if (sasaran.value.length < sasaran.maxLength) sasaran.value += b.dataset.angka;
        if (sasaran === nik && nik.value.length >= 16) pin.focus();
      } else if (b.dataset.hapus) {
        sasaran.value = sasaran.value.slice(0, -1);
      } else if (b.dataset.lanjut) {
        // "Lanjut" moves on; it submits only a full PIN, never an empty one.
        if (sasaran === nik || pin.value.length < 6) pin.focus();
        else document.getElementById("form-masuk").requestSubmit();
      }
      sasaran.focus();
    });
  }

  // Letter keyboard: opens under any text field (the NIK and PIN have the number pad), types
  // where the cursor is, and closes with "Selesai".
  const huruf = document.getElementById("papan-huruf");
  let ketik = null;
  if (huruf) {
    document.addEventListener("focusin", (e) => {
      const el = e.target;
      const teks = el.matches && el.matches("textarea, input:not([type]), input[type=text], input[type=search]");
      if (teks && el !== nik && el !== pin) {
        ketik = el;
        huruf.hidden = false;
        // The page can scroll the field above the keyboard.
        document.body.style.paddingBottom = `${huruf.offsetHeight}px`;
        el.scrollIntoView({ block: "center" });
      }
    });
    huruf.addEventListener("mousedown", (e) => e.preventDefault());
    huruf.addEventListener("click", (e) => {
      const b = e.target.closest("button");
      if (!b || !ketik) return;
      if (b.dataset.huruf !== undefined) {
        ketik.setRangeText(b.dataset.huruf, ketik.selectionStart ?? ketik.value.length, ketik.selectionEnd ?? ketik.value.length, "end");
      } else if (b.dataset.hapus) {
        const a = ketik.selectionStart ?? ketik.value.length;
        const z = ketik.selectionEnd ?? a;
        if (a === z && a > 0) ketik.setRangeText("", a - 1, a, "end");
        else ketik.setRangeText("", a, z, "end");
      } else if (b.dataset.tutup) {
        huruf.hidden = true; document.body.style.paddingBottom = ""; ketik.blur(); ketik = null; return;
      }
      ketik.dispatchEvent(new Event("input", { bubbles: true }));
      ketik.focus();
    });
  }

  // Idle logout: a warning 10 s before, any touch or key resets the timer.
  if (diam > 0) {
    const peringatan = document.getElementById("peringatan-diam");
    const sisa = document.getElementById("sisa-detik");
    let terakhir = Date.now();
    const segarkan = () => { terakhir = Date.now(); if (peringatan) peringatan.hidden = true; };
    ["pointerdown", "keydown", "touchstart", "input"].forEach((n) =>
      document.addEventListener(n, segarkan, { passive: true }));
    setInterval(() => {
      const lewat = (Date.now() - terakhir) / 1000;
      if (lewat >= diam) keluar();
      else if (lewat >= diam - 10 && peringatan) {
        peringatan.hidden = false;
        if (sisa) sisa.textContent = String(Math.ceil(diam - lewat));
      }
    }, 500);
  }

  // Printing: the ticket prints itself; the letter prints from its frame. Either way the
  // resident is logged out afterwards.
  window.addEventListener("afterprint", () => setTimeout(keluar, 300));
  const tiket = document.getElementById("tiket");
  if (tiket && tiket.dataset.cetakOtomatis) setTimeout(() => window.print(), 400);
  const ulang = document.getElementById("cetak");
  if (ulang) ulang.addEventListener("click", () => window.print());
  const cetakSurat = document.getElementById("cetak-surat");
  if (cetakSurat) {
    cetakSurat.addEventListener("click", () => {
      const f = document.getElementById("surat-pdf");
      try { f.contentWindow.focus(); f.contentWindow.print(); } catch (_) { window.print(); }
      setTimeout(keluar, 1500);
    });
  }
})();
