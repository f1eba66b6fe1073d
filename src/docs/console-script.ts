/**
 * The API pages' script (served as `docs.js`): renders the embedded spec with Swagger UI, whose
 * "Execute" sends each request straight from the browser to the chosen server (the mock first), and
 * keeps the reader's token in the console's auth, in the inspector link and across pages.
 * Plain browser JavaScript, kept as a string so the compiled package needs no copy step.
 */
export const DOCS_JS = `
(function () {
  'use strict';
  var spec = JSON.parse(document.getElementById('openapi-spec').textContent);
  var config = JSON.parse(document.getElementById('console-config').textContent);
  var field = document.getElementById('token');
  var inspector = document.getElementById('inspector-link');
  var STORE_KEY = 'ordermock.docs.token';
  var TOKEN = '<token>';
  var ui;

  // A server given as a path is the mock serving this page: resolve it against the page's origin,
  // so the console shows (and curl copies) a full URL.
  if (/^https?:$/.test(location.protocol)) {
    (spec.servers || []).forEach(function (server) {
      if (server.url.charAt(0) === '/') server.url = (location.origin + server.url).replace(/\\/$/, '');
    });
  }

  function stored() {
    try { return localStorage.getItem(STORE_KEY); } catch (e) { return null; }
  }
  function store(token) {
    try { localStorage.setItem(STORE_KEY, token); } catch (e) { /* file:// in some browsers: the field still works */ }
  }
  function freshToken() {
    var bytes = new Uint8Array(4);
    crypto.getRandomValues(bytes);
    return 'docs-' + Array.prototype.map.call(bytes, function (b) { return (b + 256).toString(16).slice(1); }).join('');
  }
  function fill(token) {
    return config.credential.template.replace(TOKEN, token);
  }
  // The token inside a credential the reader typed into the console's own Authorize dialog.
  function unfill(value) {
    var at = config.credential.template.indexOf(TOKEN);
    var before = config.credential.template.slice(0, at);
    var after = config.credential.template.slice(at + TOKEN.length);
    var fits = value.length >= before.length + after.length && value.indexOf(before) === 0 && value.slice(value.length - after.length) === after;
    return fits ? value.slice(before.length, value.length - after.length) : value;
  }

  function showToken(token) {
    if (field.value !== token) field.value = token;
    inspector.href = config.inspector + (token ? '?token=' + encodeURIComponent(token) : '');
    if (token) store(token);
  }
  function useToken(token) {
    showToken(token);
    if (!ui || !config.credential.scheme) return;
    if (token) ui.preauthorizeApiKey(config.credential.scheme, fill(token));
    else ui.authActions.logout([config.credential.scheme]);
  }

  // The console's Authorize dialog and the token field stay one token.
  function syncFromDialog() {
    return {
      statePlugins: {
        auth: {
          wrapActions: {
            authorize: function (original) {
              return function (payload) {
                var entry = config.credential.scheme && payload && payload[config.credential.scheme];
                if (entry && typeof entry.value === 'string') showToken(unfill(entry.value));
                return original(payload);
              };
            },
            logout: function (original) {
              return function (names) {
                if (config.credential.scheme && names && names.indexOf(config.credential.scheme) >= 0) showToken('');
                return original(names);
              };
            },
          },
        },
      },
    };
  }

  showToken(stored() || freshToken());
  field.addEventListener('input', function () { useToken(field.value.trim()); });
  document.getElementById('new-token').addEventListener('click', function () { useToken(freshToken()); });

  try {
    ui = SwaggerUIBundle({
      spec: spec,
      dom_id: '#console',
      presets: [SwaggerUIBundle.presets.apis],
      plugins: [syncFromDialog],
      layout: 'BaseLayout',
      // Every operation is ready to send: no "Try it out" click first.
      tryItOutEnabled: true,
      deepLinking: true,
      docExpansion: 'list',
      defaultModelsExpandDepth: 0,
      displayOperationId: true,
      displayRequestDuration: true,
      showCommonExtensions: true,
      // Offline: no call to the public validator badge service.
      validatorUrl: null,
      requestInterceptor: function (request) {
        var token = field.value.trim();
        var headers = request.headers || (request.headers = {});
        if (config.credential.header && token && !headers.Authorization && !headers.authorization) headers.Authorization = fill(token);
        return request;
      },
      onComplete: function () {
        useToken(field.value.trim());
        document.body.setAttribute('data-console', 'ready');
      },
    });
  } catch (error) {
    document.body.setAttribute('data-console', 'error');
    console.error('Swagger UI could not render the spec', error);
  }
})();
`;
