import { SeatingRoutes } from './billetterie/seating/SeatingPage';

/** « Plans de salle » (menu entry `plugins/ticketing/seating`): the list and the editors. */
const SeatingApp = () => <SeatingRoutes />;

export default SeatingApp;
