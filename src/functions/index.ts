/**
 * Entry of the custom-functions bundle. Each module below declares its
 * functions at top level with @customfunction JSDoc; the metadata plugin
 * writes functions.json from them and appends the CustomFunctions.associate
 * calls to each module, so ids and code cannot drift apart.
 */
import "./survey";
import "./customers";
import "./revenue";
import "./marketing";
import "./cohorts";
import "./segments";
import "./clv";
import "./growth";
import "./retention";
import "./text";
import "./drivers";
