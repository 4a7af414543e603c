// The app shell's script. It runs in <head>, before the body exists, so that by the time the
// shell's markup (written into index.html by scripts/shell.mjs) can be seen or clicked:
//   - the page has the theme the app will give it (as src/ui/mod.rs `is_dark` decides), so it
//     does not change colour when the app starts;
//   - on a link to another screen (#/results/..., #/team/...), the home shell is hidden, so the
//     page does not show home first and then something else;
//   - a click on "Start a check" before the app runs is not lost: it is marked on <html>
//     (data-early-start), the button says so, and the app carries it out when it starts
//     (src/ui/home.rs `take_early_start`).
// Reads one local setting; sends nothing anywhere.
(function () {
  var root = document.documentElement;
  var theme;
  try {
    theme = JSON.parse(localStorage.getItem('teamshape:settings')).theme;
  } catch (e) {
    // No setting, or storage blocked: the system's choice, as in the app.
  }
  var dark = theme === 'dark' || (theme !== 'light' && matchMedia('(prefers-color-scheme: dark)').matches);
  root.setAttribute('data-theme', dark ? 'dark' : 'light');

  // "#/" and "" are home; "#/anything" is another screen (src/ui/route.rs `Screen::from_hash`).
  var where = function () {
    root.classList.toggle('shell-elsewhere', /^#\/.*[^/]/.test(location.hash));
  };
  where();
  addEventListener('hashchange', where);

  document.addEventListener('click', function (event) {
    var start = event.target.closest && event.target.closest('#shell [data-testid="start"]');
    if (!start || start.getAttribute('aria-busy')) return;
    root.setAttribute('data-early-start', '');
    start.setAttribute('aria-busy', 'true');
    start.textContent = start.getAttribute('data-busy-text');
  });
})();
