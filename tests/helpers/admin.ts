import type { Core } from '@strapi/strapi';
import request from 'supertest';
import { adminToken } from './ticketing';

/** A super administrator logged in through the admin API, with Content Manager request helpers. */
export async function loginSuperAdmin(strapi: Core.Strapi) {
  const token = await adminToken(strapi);
  const http = () => request(strapi.server.httpServer);
  const auth = { Authorization: `Bearer ${token}` };
  const cm = (name: string) => `/content-manager/collection-types/plugin::ticketing.${name}`;
  return {
    token,
    create: (name: string, data: object) => http().post(cm(name)).set(auth).send(data),
    update: (name: string, documentId: string, data: object) =>
      http()
        .put(`${cm(name)}/${documentId}`)
        .set(auth)
        .send(data),
    find: (name: string, documentId: string) =>
      http()
        .get(`${cm(name)}/${documentId}`)
        .set(auth),
    list: (name: string) => http().get(cm(name)).set(auth),
    get: (path: string) => http().get(path).set(auth),
    post: (path: string, body: object) => http().post(path).set(auth).send(body),
  };
}
