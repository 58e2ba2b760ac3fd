import { Route, Routes } from 'react-router-dom';
import { FeeTablesPage } from './prices/FeeTablesPage';
import { TarifsPage } from './prices/TarifsPage';

/** « Tarifs » (menu entry `plugins/ticketing/prices`): the price-grid editor with the maximum gross revenue, and the fee tables (issue #18). */
const PricesApp = () => (
  <Routes>
    <Route index element={<TarifsPage />} />
    <Route path="fees" element={<FeeTablesPage />} />
  </Routes>
);

export default PricesApp;
