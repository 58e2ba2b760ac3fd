import { TarifsPage } from './prices/TarifsPage';

/** « Tarifs » (menu entry `plugins/ticketing/prices`): the price-grid editor and the maximum gross revenue (issue #18). */
const PricesApp = () => <TarifsPage />;

export default PricesApp;
