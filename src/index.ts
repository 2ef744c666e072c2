export { handler } from "../forge-app/resolvers/index";
