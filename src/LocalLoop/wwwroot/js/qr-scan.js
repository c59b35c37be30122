// The counter's camera scanner: reads the customer's voucher QR code (12 digits, see Vouchers/QrSvg.cs and
// Mine.cshtml) with the device camera, puts the code into the code field and submits the form, which shows the
// voucher's preview. Decoding is jsQR (npm, copied to /lib/jsqr by the build). Typing the code always works.
(() => {
  const root = document.querySelector("[data-qr-scanner]");
  if (!root) return;
  const form = root.closest("form");
  const input = form?.querySelector("[name='Code']");
  const start = root.querySelector("[data-qr-start]");
  const stop = root.querySelector("[data-qr-stop]");
  const view = root.querySelector("[data-qr-view]");
  const video = view.querySelector("video");
  const status = root.querySelector("[data-qr-status]");
  const say = (text) => { status.textContent = text; };
  const canvas = document.createElement("canvas");
  const context = canvas.getContext("2d", { willReadFrequently: true });
  let stream = null;
  let lastNotVoucher = null;

  if (!input) return;
  start.hidden = false;
  // After a scan the page comes back with the voucher's preview below the form: bring it into view on a phone.
  document.querySelector("[data-preview-usable]")?.scrollIntoView({ block: "start" });

  const stopCamera = () => {
    stream?.getTracks().forEach((track) => track.stop());
    stream = null;
    video.srcObject = null;
    view.hidden = true;
    start.hidden = false;
  };

  // A voucher QR holds exactly the 12-digit code; spaces or dashes from other printers are tolerated.
  const voucherCode = (text) => {
    const digits = text.replace(/[\s-]/g, "");
    return /^\d{12}$/.test(digits) ? digits : null;
  };

  const scanFrame = () => {
    if (!stream) return;
    if (video.readyState >= video.HAVE_CURRENT_DATA && video.videoWidth > 0) {
      canvas.width = video.videoWidth;
      canvas.height = video.videoHeight;
      context.drawImage(video, 0, 0, canvas.width, canvas.height);
      const image = context.getImageData(0, 0, canvas.width, canvas.height);
      const found = window.jsQR?.(image.data, image.width, image.height, { inversionAttempts: "attemptBoth" });
      if (found?.data) {
        const code = voucherCode(found.data);
        if (code) {
          stopCamera();
          input.value = `${code.slice(0, 4)} ${code.slice(4, 8)} ${code.slice(8)}`;
          say(root.dataset.found);
          form.requestSubmit();
          return;
        }
        if (found.data !== lastNotVoucher) {
          lastNotVoucher = found.data;
          const shown = found.data.length > 40 ? `${found.data.slice(0, 40)}…` : found.data;
          say(root.dataset.notVoucher.replace("{0}", shown));
        }
      }
    }
    requestAnimationFrame(scanFrame);
  };

  start.addEventListener("click", async () => {
    if (!navigator.mediaDevices?.getUserMedia) {
      say(root.dataset.unsupported);
      return;
    }
    say(root.dataset.starting);
    try {
      // The rear camera on a phone; any camera on a laptop.
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: { ideal: "environment" } }, audio: false });
    } catch (error) {
      stream = null;
      const name = error?.name;
      say(name === "NotAllowedError" || name === "SecurityError" ? root.dataset.denied
        : name === "NotFoundError" || name === "OverconstrainedError" ? root.dataset.noCamera
        : root.dataset.failed);
      input.focus();
      return;
    }
    lastNotVoucher = null;
    start.hidden = true;
    view.hidden = false;
    video.srcObject = stream;
    await video.play().catch(() => {});
    say(root.dataset.looking);
    requestAnimationFrame(scanFrame);
  });

  stop.addEventListener("click", () => { stopCamera(); say(""); input.focus(); });
  // Leaving the page (or hiding it on a phone) releases the camera.
  window.addEventListener("pagehide", stopCamera);
  document.addEventListener("visibilitychange", () => { if (document.hidden) stopCamera(); });
})();
