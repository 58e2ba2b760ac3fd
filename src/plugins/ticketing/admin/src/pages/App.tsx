import { Route, Routes } from 'react-router-dom';
import { BilletteriePage } from './billetterie/BilletteriePage';
import { BoardPage } from './billetterie/board/BoardPage';

const App = () => (
  <Routes>
    <Route index element={<BilletteriePage />} />
    {/* Disponibilités (issue #17): the availability board of a performance. */}
    <Route path="board/:documentId" element={<BoardPage />} />
    <Route path="*" element={<BilletteriePage />} />
  </Routes>
);

export default App;
