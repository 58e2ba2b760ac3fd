import contentTypes from '../content-types';
import admin from './admin';
import { buildContentApiRoutes } from './content-api';

export default {
  admin,
  'content-api': buildContentApiRoutes(contentTypes),
};
