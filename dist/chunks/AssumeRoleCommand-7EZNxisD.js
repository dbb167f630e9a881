import{c as s,ah as a,_ as e,a as o}from"./exchanges-diagnosis-sts-request-RkUE0vsy.js";class t extends(s(o,e,"AssumeRole",a)){}export{t as A};
