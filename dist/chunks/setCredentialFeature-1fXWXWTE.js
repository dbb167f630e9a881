function r(r,e,o){return r.$source||(r.$source={}),r.$source[e]=o,r}export{r as s};
