import type { Core } from '@strapi/strapi';
import { stopHoldSweep } from './bootstrap';

const destroy = ({ strapi }: { strapi: Core.Strapi }) => {
  stopHoldSweep(strapi);
};

export default destroy;
