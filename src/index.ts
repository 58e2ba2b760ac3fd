// The application stays thin: the product lives in the ticketing plugin (src/plugins/ticketing).
export default {
  register() {},
  bootstrap() {},
};
