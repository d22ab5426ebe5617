// Starts Swagger UI on the API docs page. A file of its own: the dashboard's CSP forbids inline script.
window.addEventListener("load", function () {
  window.ui = SwaggerUIBundle({
    url: "/openapi.json",
    dom_id: "#swagger-ui",
    deepLinking: true,
    // The default sends the document to validator.swagger.io: nothing leaves this server.
    validatorUrl: null,
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
  });
});
