/** The planners' weather: typical year + fleet observations + optional weather feed (docs/weather-forecast.md). */
export { createPlanningWeather, fleetOutdoorObservations, type PlanningWeather, type PlanningWeatherDeps, type PlanningWeatherSource, type PlanningWeatherStatus } from './planning-weather.js';
