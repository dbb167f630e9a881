import{c as s,ai as a,_ as e,a as o}from"./exchanges-diagnosis-sts-request-Dfo72tGR.js";class t extends(s(o,e,"AssumeRole",a)){}export{t as A};
