/** The only source of time for the domain and use cases. */
export interface Clock {
  now(): Date;
}
