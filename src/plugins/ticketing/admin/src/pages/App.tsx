import { Route, Routes } from 'react-router-dom';
import { BilletteriePage } from './billetterie/BilletteriePage';

const App = () => (
  <Routes>
    <Route index element={<BilletteriePage />} />
    <Route path="*" element={<BilletteriePage />} />
  </Routes>
);

export default App;
