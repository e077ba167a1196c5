/** Planet-scale helpers for the locations search (ADR 0072): WGS84 on a sphere. */
const EARTH_RADIUS_M = 6_371_008.8;
const toRad = (deg: number): number => (deg * Math.PI) / 180;

export interface LatLon {
  lat: number;
  lon: number;
}

/** Great-circle distance in metres (haversine). */
export function distanceMetres(a: LatLon, b: LatLon): number {
  const dLat = toRad(b.lat - a.lat);
  const dLon = toRad(b.lon - a.lon);
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(toRad(a.lat)) * Math.cos(toRad(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

export interface BoundingBox {
  minLat: number;
  maxLat: number;
  minLon: number;
  maxLon: number;
}

/**
 * A box that contains every point within `radiusM` of the centre (a prefilter: the exact distance
 * is checked afterwards). Near the poles, or when the radius spans the antimeridian, longitude is
 * not narrowed.
 */
export function boundingBox(centre: LatLon, radiusM: number): BoundingBox {
  const dLat = (radiusM / EARTH_RADIUS_M) * (180 / Math.PI);
  const minLat = Math.max(-90, centre.lat - dLat);
  const maxLat = Math.min(90, centre.lat + dLat);
  const cosLat = Math.min(Math.cos(toRad(minLat)), Math.cos(toRad(maxLat)));
  if (cosLat <= 1e-6 || maxLat >= 90 || minLat <= -90) {
    return { minLat, maxLat, minLon: -180, maxLon: 180 };
  }
  const dLon = dLat / cosLat;
  const minLon = centre.lon - dLon;
  const maxLon = centre.lon + dLon;
  if (minLon < -180 || maxLon > 180) return { minLat, maxLat, minLon: -180, maxLon: 180 };
  return { minLat, maxLat, minLon, maxLon };
}
